// Findings from the server shown as a list of labelled facts; a value the analysis could not
// compute (null) says so rather than disappearing.

import { el } from './dom';

export type Fact = [label: string, value: unknown];

export function formatValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value;
  return 'not enough data';
}

export function factList(facts: Fact[]): HTMLElement {
  return el(
    'dl',
    { class: 'facts' },
    ...facts.flatMap(([label, value]) => [el('dt', {}, label), el('dd', {}, formatValue(value))]),
  );
}

export function percent(fraction: unknown): string | null {
  return typeof fraction === 'number' ? `${(fraction * 100).toFixed(0)} %` : null;
}
