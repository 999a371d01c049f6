// Cards: what the person's own journal shows (mood stability, the rebound finding, tolerance
// signals), each with the evidence behind it. The analysis JSON is shown field by field so that a
// new field from the server appears without a change here.

import { str } from './alerts';
import { api, personPath } from './api';
import { el, evidenceTag, section, sourcesLine, unavailable } from './dom';
import { facts, type Finding } from './facts';
import type { Context } from './state';

// Fields shown in their own place rather than in the list of facts.
const presentationKeys = new Set(['evidence', 'sources', 'summary', 'message', 'text', 'explanation']);

const ownDataEvidence = 'observational — your own journal (one person, not a trial)';

function card(id: string, title: string, finding: Finding | undefined, explanation: string): HTMLElement {
  if (!finding) return el('article', { class: 'card', id }, el('h3', {}, title), el('p', {}, 'Not enough data yet.'));
  const prose = str(finding.summary) ?? str(finding.message) ?? str(finding.text) ?? str(finding.explanation);
  return el(
    'article',
    { class: 'card', id },
    el('h3', {}, title),
    prose && el('p', {}, prose),
    facts(finding, presentationKeys),
    el('p', { class: 'muted' }, explanation),
    el(
      'p',
      { class: 'meta' },
      evidenceTag(str(finding.evidence) ?? ownDataEvidence),
      ' ',
      sourcesLine(finding.sources as string[] | undefined),
    ),
  );
}

interface Insight {
  rebound?: Finding;
  escalation?: Finding;
  tolerance?: Finding;
  evidence?: string;
}

function withEvidence(finding: Finding | undefined, fallback: string | undefined): Finding | undefined {
  return finding && { evidence: fallback, ...finding };
}

function settle<T>(promise: Promise<T>): Promise<T | Error> {
  return promise.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

async function loadCards(ctx: Context, body: HTMLElement): Promise<void> {
  const [stability, insight] = await Promise.all([
    settle(api.get<Finding>(personPath(ctx.person, '/stability?days=28'))),
    settle(api.get<Insight>(personPath(ctx.person, '/insight'))),
  ]);
  const stabilityCard =
    stability instanceof Error
      ? unavailable('Mood stability', stability)
      : card(
          'card-stability',
          'Mood stability (28 days)',
          stability,
          'How much your mood and anxiety ratings move from day to day.',
        );
  if (insight instanceof Error) {
    body.replaceChildren(stabilityCard, unavailable('The rebound and tolerance findings', insight));
    return;
  }
  body.replaceChildren(
    stabilityCard,
    card(
      'card-rebound',
      'Rebound between doses',
      withEvidence(insight.rebound, insight.evidence),
      'Whether your anxiety tends to rise as the modelled level falls between doses (interdose withdrawal).',
    ),
    card(
      'card-tolerance',
      'Tolerance signals',
      withEvidence(insight.tolerance ?? insight.escalation, insight.evidence),
      'Whether doses are creeping up or coming closer together over time, a common sign of tolerance.',
    ),
  );
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
