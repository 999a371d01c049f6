// Safety panel: interactions with the person's medications, the legal status where they live, and
// the red-flag symptom form whose urgent guidance is shown first and large.

import { alertList, str } from './alerts';
import { api, personPath, type Alert } from './api';
import { el, field, input, optional, section, sourcesLine, text, titledForm, unavailable } from './dom';
import { listOf, type Context } from './state';

interface InteractionAlert extends Alert {
  with?: string;
  matched?: string;
  mechanism?: string;
  summary?: string;
  what_to_do?: string;
  predicted_auc_ratio?: number;
}

interface Medication {
  id?: number;
  name: string;
  dose?: string;
}

function interactionText(alert: InteractionAlert) {
  const named = alert.matched && alert.matched !== alert.with ? `${alert.with} (${alert.matched})` : alert.with;
  const ratio = alert.predicted_auc_ratio;
  return {
    title: `Kratom with ${named ?? 'this medicine'}${alert.mechanism ? `: ${alert.mechanism}` : ''}`,
    body: alert.summary,
    extra:
      ratio != null
        ? `The model predicts ${alert.matched ?? 'this medicine'}'s exposure at ${ratio.toFixed(2)}× with a 2 g leaf dose (estimate).`
        : undefined,
    action: alert.what_to_do,
  };
}

async function loadMedications(ctx: Context, list: HTMLElement, alerts: HTMLElement): Promise<void> {
  try {
    const [history, interactions] = await Promise.all([
      api.get<{ medications?: Medication[] }>(personPath(ctx.person, '/history?days=36500')),
      api.get<{ alerts?: InteractionAlert[] }>(personPath(ctx.person, '/interactions')),
    ]);
    const medications = history.medications ?? [];
    list.replaceChildren(
      medications.length
        ? el('ul', {}, ...medications.map((m) => el('li', {}, m.dose ? `${m.name} (${m.dose})` : m.name)))
        : el('p', {}, 'No medications recorded.'),
    );
    const found = listOf<InteractionAlert>(interactions, 'alerts');
    alerts.replaceChildren(
      found.length
        ? alertList(found, interactionText, 'Interaction alerts')
        : el('p', {}, medications.length ? 'No known interaction with these medications.' : ''),
    );
  } catch (error) {
    alerts.replaceChildren(unavailable('The interaction check', error));
  }
}

function medicationsPart(ctx: Context): HTMLElement {
  const list = el('div');
  const alerts = el('div', { id: 'interaction-alerts', 'aria-live': 'polite' });
  const form = titledForm(
    { id: 'medication-form', title: 'Add a medication', heading: 'h4', card: false, submit: 'Add medication' },
    [
      field('Medicine name', input('name', { required: '', placeholder: 'sertraline' })),
      field('Dose (optional)', input('dose', { placeholder: '50 mg daily' })),
    ],
    async (data, status) => {
      const name = text(data, 'name');
      await api.post(personPath(ctx.person, '/medications'), { name, dose: optional(text(data, 'dose')) });
      form.reset();
      status.textContent = `Added ${name}.`;
      ctx.journalChanged();
    },
  );
  const load = () => void loadMedications(ctx, list, alerts);
  ctx.onJournalChange(load);
  load();
  return el(
    'article',
    { class: 'card', 'aria-labelledby': 'meds-title' },
    el('h3', { id: 'meds-title' }, 'Medications and interactions'),
    list,
    alerts,
    form,
  );
}

export interface Legal {
  jurisdiction: string;
  name?: string;
  kratom: string;
  hydroxymitragynine: string;
  min_age: number | null;
  as_of: string;
  may_be_out_of_date?: boolean;
  notice?: string;
  emergency?: string;
  sources?: string[];
}

function legalView(legal: Legal): HTMLElement {
  const place = legal.name ? `${legal.name} (${legal.jurisdiction})` : legal.jurisdiction;
  return el(
    'div',
    { id: 'legal-notice' },
    el('p', { class: 'legal-place' }, el('strong', {}, place)),
    el(
      'dl',
      { class: 'facts' },
      el('dt', {}, 'Kratom leaf'),
      el('dd', {}, legal.kratom),
      el('dt', {}, 'Concentrated 7-OH products'),
      el('dd', {}, legal.hydroxymitragynine),
      el('dt', {}, 'Minimum age'),
      el('dd', {}, legal.min_age == null ? 'none stated' : String(legal.min_age)),
      el('dt', {}, 'Checked'),
      el('dd', {}, legal.as_of),
    ),
    legal.may_be_out_of_date && el('p', {}, '⚠ This entry is more than a year old and may be out of date.'),
    legal.notice && el('p', { class: 'muted' }, legal.notice),
    sourcesLine(legal.sources),
  );
}

/// The legal status where the person lives; also gives the emergency number to the red-flag form.
async function loadLegal(ctx: Context): Promise<Legal | null> {
  if (!ctx.person.jurisdiction) return null;
  return api.get<Legal>(`/legal/${encodeURIComponent(ctx.person.jurisdiction)}`);
}

function legalPart(legal: Promise<Legal | null>): HTMLElement {
  const body = el('div', { 'aria-live': 'polite' }, 'Loading…');
  legal.then(
    (found) =>
      body.replaceChildren(
        found
          ? legalView(found)
          : el('p', {}, 'No jurisdiction set: add one in your settings to see the legal status.'),
      ),
    (error: unknown) => body.replaceChildren(unavailable('The legal status', error)),
  );
  return el(
    'article',
    { class: 'card', 'aria-labelledby': 'legal-title' },
    el('h3', { id: 'legal-title' }, 'Legal status where you live'),
    body,
  );
}

interface RedFlagAlert extends Alert {
  name?: string;
  guidance?: string;
  call_now?: string;
  tier?: string;
  matched?: string[];
}

const commonRedFlags = [
  'chest pain',
  'trouble breathing',
  'seizure',
  'yellow skin or eyes',
  'fainting',
  'thoughts of harming myself',
];

function emergencyLine(number: string | undefined): string {
  return number ? `Emergency number where you live: ${number}.` : 'Call your local emergency number.';
}

function urgentView(alerts: RedFlagAlert[], emergency: string | undefined): HTMLElement {
  return el(
    'div',
    { class: 'urgent', role: 'alert', id: 'redflag-guidance' },
    el('h4', { tabindex: '-1' }, '‼ Get medical help now'),
    el(
      'p',
      { class: 'urgent-call' },
      str(alerts[0].call_now) ?? 'Call your local emergency number now.',
      ' ',
      emergencyLine(emergency),
    ),
    alertList(
      alerts,
      (a) => ({ title: `${a.name ?? 'Red flag'}${a.tier ? ` (${a.tier})` : ''}`, action: a.guidance }),
      'Red-flag guidance',
    ),
  );
}

function calmView(emergency: string | undefined): HTMLElement {
  return el(
    'div',
    { id: 'redflag-guidance' },
    el('p', {}, 'No red-flag symptom was recognised in what you entered.'),
    el(
      'p',
      {},
      'If you feel unwell or are unsure, talk to a doctor, a pharmacist or a health advice line today. ',
      `If it feels like an emergency, do not wait: ${emergencyLine(emergency)}`,
    ),
  );
}

function redFlagPart(ctx: Context, legal: Promise<Legal | null>): HTMLElement {
  const result = el('div', { 'aria-live': 'assertive' });
  return titledForm(
    { id: 'redflag-form', title: 'Symptoms that need help', submit: 'Check symptoms', after: [result] },
    [
      el('p', {}, 'Tick or describe what you notice. speciosa recognises symptoms that need care now.'),
      el(
        'fieldset',
        {},
        el('legend', {}, 'Common red flags'),
        ...commonRedFlags.map((symptom) =>
          el(
            'label',
            { class: 'choice' },
            el('input', { type: 'checkbox', name: 'flag', value: symptom }),
            ` ${symptom}`,
          ),
        ),
      ),
      field('Other symptoms (comma separated)', el('textarea', { name: 'symptoms', rows: '2' })),
    ],
    async (data, status) => {
      const typed = text(data, 'symptoms')
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const symptoms = [...data.getAll('flag').map(String), ...typed];
      if (!symptoms.length) {
        status.textContent = 'Tick or type at least one symptom.';
        return;
      }
      const [answer, place] = await Promise.all([
        api.post<{ alerts?: RedFlagAlert[]; emergency?: string }>('/redflags', {
          symptoms,
          jurisdiction: ctx.person.jurisdiction ?? undefined,
        }),
        legal.catch(() => null),
      ]);
      const emergency = str(answer.emergency) ?? place?.emergency;
      const alerts = answer.alerts ?? [];
      result.replaceChildren(alerts.length ? urgentView(alerts, emergency) : calmView(emergency));
      status.textContent = '';
      result.querySelector<HTMLElement>('h4')?.focus();
    },
  );
}

export function safety(ctx: Context): HTMLElement {
  const legal = loadLegal(ctx);
  return section(
    'safety',
    'Safety',
    el(
      'p',
      { class: 'banner' },
      'If you have chest pain, trouble breathing, a seizure, yellow skin or eyes, or thoughts of harming yourself, ',
      'call your local emergency number now.',
    ),
    el('div', { class: 'grid' }, redFlagPart(ctx, legal), medicationsPart(ctx), legalPart(legal)),
  );
}
