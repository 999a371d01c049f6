// The GAD-7 questionnaire (Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092), which
// its authors and Pfizer made free to use without permission. Score and severity come from the server.

import { api, personPath } from './api';
import { el, text, titledForm } from './dom';
import type { Context } from './state';
import { atValue, timeField } from './time';

export const gad7Items = [
  'Feeling nervous, anxious, or on edge',
  'Not being able to stop or control worrying',
  'Worrying too much about different things',
  'Trouble relaxing',
  'Being so restless that it is hard to sit still',
  'Becoming easily annoyed or irritable',
  'Feeling afraid, as if something awful might happen',
];

const answers = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'];

// Spitzer 2006: a score of 10 or more is the usual cut-off for a possible anxiety disorder.
const talkToClinicianScore = 10;

function item(question: string, index: number): HTMLElement {
  const name = `item${index}`;
  return el(
    'fieldset',
    { class: 'gad7-item' },
    el('legend', {}, `${index + 1}. ${question}`),
    ...answers.map((answer, value) =>
      el(
        'label',
        { class: 'choice' },
        el('input', { type: 'radio', name, value: String(value), required: '' }),
        ` ${answer} (${value})`,
      ),
    ),
  );
}

interface Gad7Result {
  score: number;
  severity?: string;
}

function resultView(result: Gad7Result): HTMLElement {
  return el(
    'div',
    { class: 'gad7-result', id: 'gad7-result' },
    el('p', { class: 'score' }, `GAD-7 score: ${result.score} of 21`, result.severity && ` — ${result.severity}`),
    el('p', {}, 'Bands: 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe anxiety symptoms.'),
    result.score >= talkToClinicianScore &&
      el(
        'p',
        { class: 'advice' },
        'A score of 10 or more is a good reason to talk with a doctor or a mental-health professional.',
      ),
    el('p', { class: 'muted' }, 'A screening questionnaire, not a diagnosis.'),
  );
}

export function gad7Form(ctx: Context): HTMLElement {
  const result = el('div', { 'aria-live': 'polite' });
  const attribution = 'GAD-7 © Spitzer, Williams, Kroenke et al.; free to use, no permission needed.';
  return titledForm(
    {
      id: 'gad7-form',
      title: 'GAD-7',
      submit: 'Save GAD-7',
      after: [result, el('small', { class: 'muted' }, attribution)],
    },
    [
      el('p', {}, 'Over the last 2 weeks, how often have you been bothered by the following problems?'),
      ...gad7Items.map(item),
      timeField(ctx.person),
    ],
    async (data, status) => {
      const items = gad7Items.map((_, index) => Number(text(data, `item${index}`)));
      const saved = await api.post<Gad7Result>(personPath(ctx.person, '/gad7'), { items, at: atValue(data) });
      status.textContent = 'GAD-7 saved.';
      result.replaceChildren(resultView(saved));
      ctx.journalChanged();
    },
  );
}
