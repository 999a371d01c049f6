// Times: the API answers with UTC instants and accepts "YYYY-MM-DD HH:MM" in the person's own time
// zone, so forms show and send wall-clock time where the person lives, not where the browser is.

import type { Person } from './api';
import { field, input, text } from './dom';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/// The current wall-clock time in `tz`, as a datetime-local value ("YYYY-MM-DDTHH:MM").
export function nowInputValue(tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date());
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
}

/// A datetime-local value in the form the API parses as the person's local time.
export function apiLocalTime(inputValue: string): string | undefined {
  return inputValue ? inputValue.replace('T', ' ') : undefined;
}

export function formatInstant(iso: string, tz: string): string {
  return new Intl.DateTimeFormat(undefined, { timeZone: tz, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

export function unixSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}

/// The "Time" field of every log form, preset to now where the person lives.
export function timeField(person: Person): HTMLElement {
  const at = input('at', { type: 'datetime-local', value: nowInputValue(person.tz) });
  // A page left open for hours must not log at the time it was opened: until the person edits the
  // time, it is set to now again whenever they start on the form.
  at.addEventListener('input', () => (at.dataset.edited = 'yes'));
  queueMicrotask(() =>
    at.form?.addEventListener('focusin', () => {
      if (!at.dataset.edited) at.value = nowInputValue(person.tz);
    }),
  );
  return field('Time', at, `Your local time (${person.tz}); defaults to now.`);
}

export function atValue(data: FormData): string | undefined {
  return apiLocalTime(text(data, 'at'));
}
