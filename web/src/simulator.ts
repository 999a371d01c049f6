// Simulator playground (a regimen in, modelled curves out), the taper planner and report downloads.

import { api, downloadUrl, personPath } from './api';
import { lineSeries, markerPlugin, mountChart, palette, yAxis } from './chart';
import {
  el,
  evidenceTag,
  field,
  input,
  optional,
  optionalNumber,
  section,
  select,
  sourcesLine,
  text,
  titledForm,
} from './dom';
import { factList, formatValue } from './facts';
import { productSelect } from './products';
import type { Context } from './state';

interface Simulation {
  columns: string[];
  rows: number[][];
  doses_h: number[];
}

function column(result: Simulation, name: string): number[] {
  const index = result.columns.indexOf(name);
  return index < 0 ? [] : result.rows.map((row) => row[index]);
}

function csvUrl(result: Simulation): string {
  const lines = [result.columns.join(','), ...result.rows.map((row) => row.join(','))];
  return URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
}

function peak(values: number[]): string {
  return Math.max(0, ...values).toFixed(1);
}

function renderSimulation(area: HTMLElement, result: Simulation): void {
  const hours = column(result, 'time_h');
  const mg = column(result, 'mitragynine_ng_ml');
  const oh = column(result, 'hydroxymitragynine_ng_ml');
  const chart = el('div', {
    class: 'chart',
    id: 'simulation-chart',
    role: 'img',
    'aria-label': 'Chart of the simulated plasma levels',
    'aria-describedby': 'simulation-summary',
  });
  area.replaceChildren(
    el(
      'p',
      { id: 'simulation-summary' },
      `${result.doses_h.length} dose(s). Peak mitragynine ${peak(mg)} ng/mL, peak 7-OH ${peak(oh)} ng/mL. `,
      'A model estimate from published averages; real levels vary widely.',
    ),
    chart,
    el('p', {}, el('a', { href: csvUrl(result), download: 'simulation.csv' }, 'Download these curves (CSV)')),
  );
  const markers = result.doses_h.map((h) => ({ x: h, label: 'dose' }));
  mountChart(
    chart,
    {
      title: 'Modelled plasma levels (ng/mL) by hour after the first dose',
      scales: { x: { time: false } },
      series: [
        { label: 'hour' },
        lineSeries('Mitragynine (solid)', palette.mitragynine, 'ng'),
        lineSeries('7-OH-mitragynine (dashed)', palette.hydroxy, 'ng', [6, 4]),
      ],
      axes: [{ label: 'hours' }, yAxis('ng', 'ng/mL')],
      plugins: [markerPlugin(() => markers)],
    },
    [hours, mg, oh],
  );
}

function simulatorForm(ctx: Context): HTMLElement {
  const area = el('div', { 'aria-live': 'polite' });
  const weight = String(ctx.person.weight_kg ?? '');
  return titledForm(
    { id: 'simulator-form', title: 'Simulator', submit: 'Simulate', after: [area] },
    [
      el('p', { class: 'muted' }, 'Try a regimen and see what the model predicts. Nothing is logged.'),
      field('Dose', input('dose', { required: '', value: '2g' }), 'Leaf in g, or mg with “as”.'),
      field(
        'As',
        select('as', [
          ['', 'leaf or product'],
          ['mitragynine', 'mitragynine (mg)'],
          ['7-oh', '7-OH (mg)'],
        ]),
      ),
      field('Product', productSelect(ctx.person, 'typical leaf')),
      field('Every', input('every', { value: '24h' }), 'Interval, e.g. 24h, 8h.'),
      field('Number of doses', input('count', { type: 'number', min: '1', max: '1000', value: '7' })),
      field('Weight (kg)', input('weight', { type: 'number', min: '20', max: '300', step: '0.1', value: weight })),
      field('With medicines (optional)', input('with', { placeholder: 'clarithromycin, sertraline' })),
    ],
    async (data, status) => {
      const medicines = text(data, 'with')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const regimen = {
        dose: text(data, 'dose'),
        as: optional(text(data, 'as')),
        product: optional(text(data, 'product')),
        every: optional(text(data, 'every')),
        count: optionalNumber(text(data, 'count')),
        weight: optionalNumber(text(data, 'weight')),
        with: medicines.length ? medicines : undefined,
      };
      renderSimulation(area, await api.post<Simulation>('/simulate', regimen));
      status.textContent = 'Simulated.';
    },
  );
}

interface TaperDay {
  day: number;
  step: number;
  mg_per_day: number;
  grams_per_day: number;
  reason?: string;
}

interface TaperPlan {
  start_mg_per_day: number;
  start_grams_per_day: number;
  doses_per_day: number;
  limit_source?: string;
  limit_evidence?: string;
  days: TaperDay[];
  reasons?: string[];
}

/// The plan changes only when the step does; one row per step keeps the table short.
function stepRows(days: TaperDay[]): TaperDay[] {
  return days.filter((day, index) => index === 0 || day.step !== days[index - 1].step);
}

function taperView(plan: TaperPlan): HTMLElement[] {
  const rows = stepRows(plan.days);
  const cell = (value: unknown) => el('td', {}, formatValue(value));
  return [
    factList([
      ['Current use (mg mitragynine per day)', plan.start_mg_per_day],
      ['Current use (g per day)', plan.start_grams_per_day],
      ['Doses per day', plan.doses_per_day],
    ]),
    rows.length
      ? el(
          'table',
          {},
          el('caption', {}, 'Taper schedule (a row for each new step)'),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['From day', 'Step', 'mg per day', 'g per day', 'Why'].map((h) => el('th', { scope: 'col' }, h)),
            ),
          ),
          el(
            'tbody',
            {},
            ...rows.map((d) =>
              el('tr', {}, cell(d.day), cell(d.step), cell(d.mg_per_day), cell(d.grams_per_day), cell(d.reason ?? '')),
            ),
          ),
        )
      : el('p', {}, 'No schedule: there is no recent regular use to taper from.'),
    ...(plan.reasons ?? []).map((reason) => el('p', {}, reason)),
    el(
      'p',
      { class: 'meta' },
      evidenceTag(plan.limit_evidence),
      ' ',
      sourcesLine(plan.limit_source ? [plan.limit_source] : []),
    ),
  ];
}

function taperForm(ctx: Context): HTMLElement {
  const area = el('div', { 'aria-live': 'polite', id: 'taper-plan' });
  return titledForm(
    { id: 'taper-form', title: 'Taper planner', submit: 'Plan a taper', after: [area] },
    [
      el(
        'p',
        {},
        'If you want to cut down, a slow taper is usually easier than stopping at once. ',
        'Talk with a doctor or pharmacist first, especially after daily use or with other medicines.',
      ),
      field('Weeks', input('weeks', { type: 'number', min: '1', max: '52', value: '8' })),
      field('Step (% per reduction)', input('step', { type: 'number', min: '1', max: '50', value: '10' })),
    ],
    async (data, status) => {
      const query = `?weeks=${encodeURIComponent(text(data, 'weeks'))}&step=${encodeURIComponent(text(data, 'step'))}`;
      area.replaceChildren(...taperView(await api.get<TaperPlan>(personPath(ctx.person, `/taper${query}`))));
      status.textContent = 'Plan ready.';
    },
  );
}

function reports(ctx: Context): HTMLElement {
  return el(
    'article',
    { class: 'card', 'aria-labelledby': 'reports-title' },
    el('h3', { id: 'reports-title' }, 'Report for a clinician'),
    el('p', {}, 'A summary of doses, check-ins, medications, interactions and the model, to take to an appointment.'),
    el(
      'ul',
      {},
      el('li', {}, el('a', { href: downloadUrl(ctx.person, 'report.pdf'), download: '' }, 'Download the report (PDF)')),
      el(
        'li',
        {},
        el('a', { href: downloadUrl(ctx.person, 'report.html'), download: '' }, 'Download the report (HTML)'),
      ),
    ),
  );
}

export function simulator(ctx: Context): HTMLElement {
  return section(
    'simulate',
    'Simulator, taper and reports',
    el('div', { class: 'grid' }, simulatorForm(ctx), taperForm(ctx), reports(ctx)),
  );
}
