// One way to show a safety alert (interaction, guardrail, red flag): severity as symbol and word,
// the explanation, what to do, the evidence level and the sources.

import type { Alert } from './api';
import { el, evidenceTag, severityTag, sourcesLine } from './dom';

export interface AlertText {
  title: string;
  body?: string;
  action?: string;
  extra?: string;
}

export function alertCard(alert: Alert, text: AlertText): HTMLElement {
  return el(
    'li',
    { class: `alert sev-${alert.severity ?? 'unknown'}` },
    el('p', { class: 'alert-head' }, severityTag(alert.severity), ' ', el('strong', {}, text.title)),
    text.body && el('p', {}, text.body),
    text.extra && el('p', {}, text.extra),
    text.action && el('p', { class: 'action' }, el('strong', {}, 'What to do: '), text.action),
    el('p', { class: 'meta' }, evidenceTag(alert.evidence), ' ', sourcesLine(alert.sources)),
  );
}

export function alertList<T extends Alert>(alerts: T[], describe: (alert: T) => AlertText, label: string): HTMLElement {
  return el('ul', { class: 'alerts', 'aria-label': label }, ...alerts.map((a) => alertCard(a, describe(a))));
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
