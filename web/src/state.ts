// What every section receives: the session, the person being shown, and a way to tell the other
// sections that the journal changed (so the timeline, cards and safety panel reload).

import type { Person, Session } from './api';

export interface Context {
  session: Session;
  person: Person;
  journalChanged: () => void;
  onJournalChange: (listener: () => void) => void;
  personChanged: () => void;
}

/// Lists come either bare or wrapped ({"products":[...]}); both are accepted.
export function listOf<T>(data: unknown, key: string): T[] {
  if (Array.isArray(data)) return data as T[];
  const wrapped = (data as Record<string, unknown> | null)?.[key];
  return Array.isArray(wrapped) ? (wrapped as T[]) : [];
}
