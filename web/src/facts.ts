// Server findings (analysis, taper) shown field by field, so a field the server adds appears
// without a change here.

import { el } from './dom';

export type Finding = Record<string, unknown>;

function humanise(key: string): string {
  return key.replace(/_/g, ' ').replace(/\bn\b/, 'number of');
}

export function formatValue(value: unknown): string | null {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
  if (typeof value === 'string') return value;
  if (value === null) return 'not enough data';
  return null;
}

/// The scalar fields of `finding` as a description list, leaving out `skip`.
export function facts(finding: Finding, skip: Set<string>): HTMLElement {
  const list = el('dl', { class: 'facts' });
  for (const [key, value] of Object.entries(finding)) {
    const shown = skip.has(key) ? null : formatValue(value);
    if (shown !== null) list.append(el('dt', {}, humanise(key)), el('dd', {}, shown));
  }
  return list;
}

/// The first list of objects in `finding` (a taper schedule, say) as a table.
export function firstTable(finding: Finding, caption: string): HTMLElement | null {
  const rows = Object.values(finding).find(
    (value): value is Finding[] => Array.isArray(value) && value.length > 0 && typeof value[0] === 'object',
  );
  if (!rows) return null;
  const columns = Object.keys(rows[0]).filter((key) => formatValue(rows[0][key]) !== null);
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', { scope: 'col' }, humanise(c))))),
    el('tbody', {}, ...rows.map((row) => el('tr', {}, ...columns.map((c) => el('td', {}, formatValue(row[c]) ?? ''))))),
  );
}
