// Timeline: two stacked panels on one zoomable time axis. Top: modelled mitragynine and 7-OH
// levels with doses marked. Bottom: the modelled withdrawal index with anxiety and mood check-ins.
// A table below gives the same entries as text.

import { api, personPath, type Person } from './api';
import {
  lineSeries,
  markerPlugin,
  mountChart,
  palette,
  pointSeries,
  syncX,
  uPlot,
  yAxis,
  zoomX,
  type Marker,
} from './chart';
import { el, section, select, unavailable, field } from './dom';
import type { Context } from './state';
import { formatInstant, unixSeconds } from './time';

export interface TimelineDose {
  id: number;
  at: string;
  amount: number;
  unit: string;
  product?: string | null;
}

interface TimelineCheckin {
  id: number;
  at: string;
  anxiety: number | null;
  mood: number | null;
}

interface Timeline {
  doses: TimelineDose[];
  checkins: TimelineCheckin[];
  model: {
    at: string[];
    mitragynine_ng_ml: number[];
    hydroxymitragynine_ng_ml: number[];
    withdrawal: number[];
  };
}

export function doseLabel(dose: { amount: number; unit: string }): string {
  return `${dose.amount} ${dose.unit}`;
}

function timeAxis(tz: string): Pick<uPlot.Options, 'tzDate' | 'scales'> {
  return { tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), tz), scales: { x: { time: true } } };
}

function levelsPanel(container: HTMLElement, data: Timeline, tz: string, markers: Marker[]): uPlot {
  const xs = data.model.at.map(unixSeconds);
  return mountChart(
    container,
    {
      title: 'Modelled plasma levels (ng/mL)',
      ...timeAxis(tz),
      series: [
        {},
        lineSeries('Mitragynine (solid)', palette.mitragynine, 'ng'),
        lineSeries('7-OH-mitragynine (dashed)', palette.hydroxy, 'ng', [6, 4]),
      ],
      axes: [{}, yAxis('ng', 'ng/mL'), yAxis('ng', 'ng/mL', 1)],
      plugins: [markerPlugin(() => markers)],
    },
    [xs, data.model.mitragynine_ng_ml, data.model.hydroxymitragynine_ng_ml],
  );
}

function moodPanel(container: HTMLElement, data: Timeline, tz: string, markers: Marker[]): uPlot {
  const model: uPlot.AlignedData = [data.model.at.map(unixSeconds), data.model.withdrawal];
  const checkins = [...data.checkins].sort((a, b) => unixSeconds(a.at) - unixSeconds(b.at));
  const points: uPlot.AlignedData = [
    checkins.map((c) => unixSeconds(c.at)),
    checkins.map((c) => c.anxiety),
    checkins.map((c) => c.mood),
  ];
  return mountChart(
    container,
    {
      title: 'Withdrawal index (model) and your check-ins',
      ...timeAxis(tz),
      scales: { x: { time: true }, idx: { range: [0, 1] }, score: { range: [0, 10] } },
      series: [
        {},
        lineSeries('Withdrawal index (model, 0–1)', palette.withdrawal, 'idx', [2, 3]),
        pointSeries('Anxiety (● filled, 0–10)', palette.anxiety, true, 'score'),
        pointSeries('Mood (○ hollow, 0–10)', palette.mood, false, 'score'),
      ],
      axes: [{}, yAxis('idx', 'withdrawal index'), yAxis('score', 'rating 0–10', 1)],
      plugins: [markerPlugin(() => markers)],
    },
    uPlot.join([model, points]),
  );
}

function summary(data: Timeline, days: number): string {
  const peak = Math.max(0, ...data.model.mitragynine_ng_ml.filter(Number.isFinite));
  return (
    `Last ${days} days: ${data.doses.length} dose(s) and ${data.checkins.length} check-in(s). ` +
    `Highest modelled mitragynine: ${peak.toFixed(1)} ng/mL. ` +
    'Modelled levels are estimates from published averages, not measurements.'
  );
}

function entriesTable(data: Timeline, tz: string): HTMLElement {
  const rows = [
    ...data.doses.map((d) => ({ at: d.at, what: `Dose ${doseLabel(d)}${d.product ? ` ${d.product}` : ''}` })),
    ...data.checkins.map((c) => ({
      at: c.at,
      what: `Check-in: anxiety ${c.anxiety ?? '–'}, mood ${c.mood ?? '–'}`,
    })),
  ].sort((a, b) => unixSeconds(b.at) - unixSeconds(a.at));
  return el(
    'details',
    {},
    el('summary', {}, 'Entries as a table'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'When'), el('th', { scope: 'col' }, 'Entry'))),
      el('tbody', {}, ...rows.map((r) => el('tr', {}, el('td', {}, formatInstant(r.at, tz)), el('td', {}, r.what)))),
    ),
  );
}

function zoomControls(plots: uPlot[], full: [number, number]): HTMLElement {
  const zoomButton = (label: string, action: () => void) => {
    const node = el('button', { type: 'button' }, label);
    node.addEventListener('click', action);
    return node;
  };
  return el(
    'div',
    { class: 'zoom', role: 'group', 'aria-label': 'Zoom the time axis' },
    zoomButton('Zoom in', () => zoomX(plots, 0.5, full)),
    zoomButton('Zoom out', () => zoomX(plots, 2, full)),
    zoomButton('Show all', () => plots.forEach((p) => p.setScale('x', { min: full[0], max: full[1] }))),
    el('small', { class: 'hint' }, 'Or drag across a chart to zoom; double-click to reset.'),
  );
}

function render(body: HTMLElement, data: Timeline, person: Person, days: number): void {
  const markers = data.doses.map((d) => ({ x: unixSeconds(d.at), label: doseLabel(d) }));
  // The charts are pictures of the summary and the table below, which screen readers get instead.
  const chartAttrs = { class: 'chart', role: 'img', 'aria-describedby': 'timeline-summary' };
  const top = el('div', { ...chartAttrs, id: 'timeline-levels', 'aria-label': 'Chart of modelled plasma levels' });
  const bottom = el('div', {
    ...chartAttrs,
    id: 'timeline-mood',
    'aria-label': 'Chart of withdrawal index and check-ins',
  });
  const controls = el('div');
  body.replaceChildren(
    el('p', { id: 'timeline-summary' }, summary(data, days)),
    controls,
    top,
    bottom,
    el('p', { class: 'legend-note' }, '▼ with a dashed line: a logged dose (amount written beside it).'),
    entriesTable(data, person.tz),
  );
  if (data.model.at.length === 0) return;
  const plots = [levelsPanel(top, data, person.tz, markers), moodPanel(bottom, data, person.tz, markers)];
  syncX(plots);
  // Check-ins may lie outside the modelled span; both panels show the union of the two.
  const times = [...data.model.at, ...data.checkins.map((c) => c.at)].map(unixSeconds);
  const full: [number, number] = [Math.min(...times), Math.max(...times)];
  plots.forEach((plot) => plot.setScale('x', { min: full[0], max: full[1] }));
  controls.replaceChildren(zoomControls(plots, full));
}

export function timeline(ctx: Context): HTMLElement {
  const body = el('div', { 'aria-live': 'polite' });
  const range = select('days', [
    ['7', 'Last 7 days'],
    ['14', 'Last 14 days'],
    ['30', 'Last 30 days'],
    ['90', 'Last 90 days'],
  ]);
  const load = async () => {
    const days = Number(range.value);
    try {
      const data = await api.get<Timeline>(personPath(ctx.person, `/timeline?days=${days}`));
      render(body, data, ctx.person, days);
    } catch (error) {
      body.replaceChildren(unavailable('The timeline', error));
    }
  };
  range.addEventListener('change', load);
  ctx.onJournalChange(load);
  void load();
  return section('timeline', 'Timeline', field('Period', range), body);
}
