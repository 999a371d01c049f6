// Cards: what the person's own journal shows (mood stability, the rebound finding, tolerance
// signals), each with the evidence behind it and what it cannot tell.

import { api, personPath } from './api';
import { el, evidenceTag, section, sourcesLine, unavailable } from './dom';
import { factList, percent, type Fact } from './facts';
import type { Context } from './state';

// Findings about one person come from their own ratings: observational data, n = 1.
const ownDataEvidence = 'observational — your own journal (one person, not a trial)';

interface ScaleStability {
  n: number;
  mean: number;
  sd: number | null;
  rmssd: number | null;
  pac: number | null;
}

interface Stability {
  days: number;
  days_with_data: number;
  anxiety: ScaleStability | null;
  mood: ScaleStability | null;
  sources?: string[];
}

interface Rebound {
  detected: boolean;
  strength: string;
  n_checkins: number;
  n_needed?: number;
  days_covered?: number;
  days_needed?: number;
  finding?: string;
}

interface Escalation {
  detected: boolean;
  enough_data?: boolean;
  weeks_with_use?: number;
  weeks_needed?: number;
  mg_per_day_change?: number | null;
  doses_per_day_change?: number | null;
  finding?: string;
}

interface Insight {
  rebound: Rebound;
  escalation: Escalation;
  sources?: string[];
}

interface CardText {
  id: string;
  title: string;
  finding?: string;
  facts: Fact[];
  explanation: string;
  sources?: string[];
}

function card(text: CardText): HTMLElement {
  return el(
    'article',
    { class: 'card', id: text.id },
    el('h3', {}, text.title),
    text.finding && el('p', { class: 'finding' }, text.finding),
    factList(text.facts),
    el('p', { class: 'muted' }, text.explanation),
    el('p', { class: 'meta' }, evidenceTag(ownDataEvidence), ' ', sourcesLine(text.sources)),
  );
}

function scaleFacts(name: string, scale: ScaleStability | null): Fact[] {
  if (!scale) return [[name, null]];
  return [
    [`${name}: ratings`, scale.n],
    [`${name}: average (0–10)`, scale.mean],
    [`${name}: day-to-day change (RMSSD)`, scale.rmssd],
    [`${name}: share of big jumps`, percent(scale.pac)],
  ];
}

function stabilityCard(s: Stability): HTMLElement {
  return card({
    id: 'card-stability',
    title: `Mood stability (last ${s.days} days)`,
    facts: [
      ['Days with ratings', s.days_with_data],
      ...scaleFacts('Anxiety', s.anxiety),
      ...scaleFacts('Mood', s.mood),
    ],
    explanation: 'How much your anxiety and mood ratings move from one check-in to the next (smaller is steadier).',
    sources: s.sources,
  });
}

/// "3 (needs 20)": how much data a finding has against what it needs.
function withNeed(have: number | undefined, needed: number | undefined): string {
  return needed ? `${have ?? 0} (needs ${needed})` : String(have ?? 0);
}

function reboundCard(r: Rebound, sources?: string[]): HTMLElement {
  return card({
    id: 'card-rebound',
    title: 'Rebound between doses',
    finding: r.finding,
    facts: [
      ['Detected', r.detected],
      ['Strength', r.strength],
      ['Check-ins used', withNeed(r.n_checkins, r.n_needed)],
      ['Days covered', withNeed(r.days_covered, r.days_needed)],
    ],
    explanation: 'Whether your anxiety tends to rise as the modelled level falls between doses (interdose withdrawal).',
    sources,
  });
}

function toleranceCard(e: Escalation, sources?: string[]): HTMLElement {
  return card({
    id: 'card-tolerance',
    title: 'Tolerance signals',
    finding: e.finding,
    facts: [
      ['Escalation detected', e.detected],
      ['Weeks with use', withNeed(e.weeks_with_use, e.weeks_needed)],
      ['Change in mg per day', percent(e.mg_per_day_change)],
      ['Change in doses per day', percent(e.doses_per_day_change)],
    ],
    explanation: 'Whether doses are growing or coming closer together over the weeks, a common sign of tolerance.',
    sources,
  });
}

async function loadCards(ctx: Context, body: HTMLElement): Promise<void> {
  const [stability, insight] = await Promise.all([
    api
      .get<Stability>(personPath(ctx.person, '/stability?days=28'))
      .then(stabilityCard, (error: unknown) => unavailable('Mood stability', error)),
    api.get<Insight>(personPath(ctx.person, '/insight')).then(
      (i) => [reboundCard(i.rebound, i.sources), toleranceCard(i.escalation, i.sources)],
      (error: unknown) => [unavailable('The rebound and tolerance findings', error)],
    ),
  ]);
  body.replaceChildren(stability, ...insight);
}

export function cards(ctx: Context): HTMLElement {
  const body = el('div', { class: 'grid', 'aria-live': 'polite' });
  const load = () => void loadCards(ctx, body);
  ctx.onJournalChange(load);
  load();
  return section(
    'insight',
    'What your journal shows',
    el(
      'p',
      { class: 'muted' },
      'Patterns in one person’s data can be chance; they do not show that kratom causes or treats anything.',
    ),
    body,
  );
}
