// Quick log: a dose (checked against the guardrails first), a check-in with sliders, and the GAD-7.

import { alertList, str } from './alerts';
import { api, personPath, type Alert } from './api';
import { el, field, fill, input, optional, optionalNumber, section, text, titledForm, uniqueId } from './dom';
import { gad7Form } from './gad7';
import { productSelect } from './products';
import type { Context } from './state';
import { atValue, timeField } from './time';

interface CheckResult {
  alerts?: Alert[];
  notice?: string;
  planned?: { mitragynine_mg?: number; hydroxymitragynine_mg?: number };
}

// Alerts at these levels hold the dose back until the person confirms.
const holdingSeverities = new Set(['major', 'urgent']);

function plannedText(result: CheckResult): string {
  const mg = result.planned?.mitragynine_mg;
  const oh = result.planned?.hydroxymitragynine_mg;
  if (mg == null) return '';
  return `This dose is about ${mg.toFixed(0)} mg mitragynine and ${(oh ?? 0).toFixed(2)} mg 7-OH (model estimate).`;
}

function renderCheck(area: HTMLElement, result: CheckResult): void {
  const alerts = result.alerts ?? [];
  fill(
    area,
    el('h4', {}, 'Safety check for this dose'),
    el('p', {}, plannedText(result)),
    alerts.length
      ? alertList(alerts, (a) => ({ title: str(a.reason) ?? 'Alert', action: str(a.what_to_do) }), 'Dose alerts')
      : el('p', {}, 'No guardrail alert for this dose.'),
    result.notice && el('p', { class: 'muted' }, result.notice),
  );
}

function doseForm(ctx: Context): HTMLElement {
  const product = productSelect(ctx.person, 'Not specified');
  const checkArea = el('div', { class: 'check-area', id: 'dose-check', 'aria-live': 'polite' });
  const checkLabel = 'Check and log dose';
  // After a major alert the same dose needs a second, deliberate press ("Log anyway").
  let confirmed = false;
  const confirm = (yes: boolean) => {
    confirmed = yes;
    form.querySelector('button[type="submit"]')!.textContent = yes ? 'Log anyway' : checkLabel;
  };
  const form = titledForm(
    { id: 'dose-form', title: 'Dose', submit: checkLabel },
    [
      field('Amount', input('amount', { required: '', placeholder: '2g' }), 'With a unit: 2g, 500mg, 1tablet.'),
      field('Product', product),
      timeField(ctx.person),
      field('Note (optional)', input('note')),
      checkArea,
    ],
    async (data, status) => {
      const dose = { amount: text(data, 'amount'), product: optional(text(data, 'product')), at: atValue(data) };
      if (!confirmed) {
        const result = await api.post<CheckResult>(personPath(ctx.person, '/check'), dose);
        renderCheck(checkArea, result);
        if ((result.alerts ?? []).some((a) => holdingSeverities.has(a.severity ?? ''))) {
          confirm(true);
          status.textContent = 'Not logged yet: please read the alerts above first.';
          return;
        }
      }
      await api.post(personPath(ctx.person, '/doses'), { ...dose, note: optional(text(data, 'note')) });
      confirm(false);
      status.textContent = `Logged ${dose.amount}${dose.product ? ` ${dose.product}` : ''}.`;
      ctx.journalChanged();
    },
  );
  form.addEventListener('input', () => confirm(false));
  return form;
}

function slider(name: string, label: string, hint: string): HTMLElement {
  const range = input(name, { type: 'range', min: '0', max: '10', step: '1', value: '5', id: uniqueId(name) });
  const output = el('output', { for: range.id, 'aria-hidden': 'true' }, '5');
  range.addEventListener('input', () => (output.textContent = range.value));
  const wrapper = field(label, range, hint);
  wrapper.classList.add('slider');
  wrapper.querySelector('label')?.append(' ', output);
  return wrapper;
}

function checkinForm(ctx: Context): HTMLElement {
  return titledForm(
    { id: 'checkin-form', title: 'Check-in', submit: 'Log check-in' },
    [
      slider('anxiety', 'Anxiety', '0 = none, 10 = the worst you can imagine.'),
      slider('mood', 'Mood', '0 = very low, 10 = very good.'),
      slider('energy', 'Energy', '0 = exhausted, 10 = full of energy.'),
      field(
        'Sleep last night (hours, optional)',
        input('sleep_h', { type: 'number', min: '0', max: '24', step: '0.5' }),
      ),
      timeField(ctx.person),
      field('Note (optional)', input('note')),
    ],
    async (data, status) => {
      const checkin = {
        anxiety: Number(text(data, 'anxiety')),
        mood: Number(text(data, 'mood')),
        energy: Number(text(data, 'energy')),
        sleep_h: optionalNumber(text(data, 'sleep_h')),
        at: atValue(data),
        note: optional(text(data, 'note')),
      };
      await api.post(personPath(ctx.person, '/checkins'), checkin);
      status.textContent = `Logged check-in: anxiety ${checkin.anxiety}, mood ${checkin.mood}, energy ${checkin.energy}.`;
      ctx.journalChanged();
    },
  );
}

export function quickLog(ctx: Context): HTMLElement {
  return section('log', 'Quick log', el('div', { class: 'grid' }, doseForm(ctx), checkinForm(ctx), gad7Form(ctx)));
}
