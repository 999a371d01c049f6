// Small DOM helpers shared by every section: elements, labelled fields, form submission with the
// server's error shown next to the form (and on the field it names), and the evidence/severity tags.

import { ApiError } from './api';

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  fill(node, ...children);
  return node;
}

/// Replaces the children of `node`, skipping the empty ones.
export function fill(node: Element, ...children: Child[]): void {
  node.replaceChildren(...children.filter((child): child is Node | string => Boolean(child)));
}

let nextId = 0;
export function uniqueId(prefix: string): string {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/// A label, the control it names and an optional hint that the control is described by.
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  control.id ||= uniqueId('f');
  const wrapper = el('div', { class: 'field' }, el('label', { for: control.id }, label), control);
  if (hint) {
    const hintId = `${control.id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    wrapper.append(el('small', { id: hintId, class: 'hint' }, hint));
  }
  return wrapper;
}

export function input(name: string, attrs: Record<string, string> = {}): HTMLInputElement {
  return el('input', { name, type: 'text', ...attrs });
}

export function select(name: string, options: [value: string, label: string][]): HTMLSelectElement {
  const node = el('select', { name });
  for (const [value, label] of options) node.append(el('option', { value }, label));
  return node;
}

export function button(label: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'submit', ...attrs }, label);
}

/// A polite live region where a form reports what happened.
export function statusLine(): HTMLElement {
  return el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
}

function showFailure(form: HTMLFormElement, status: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  status.replaceChildren(el('span', { class: 'problem' }, `Not saved. ${message}`));
  status.classList.add('is-error');
  const fieldName = error instanceof ApiError ? error.body.field : undefined;
  const control = fieldName ? form.querySelector<HTMLElement>(`[name="${CSS.escape(fieldName)}"]`) : null;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
}

/// Runs `handler` on submit, marking the form busy; a rejected request is shown in `status`.
function onSubmit(form: HTMLFormElement, status: HTMLElement, handler: (data: FormData) => Promise<void>): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
    status.classList.remove('is-error');
    status.textContent = 'Working…';
    form.setAttribute('aria-busy', 'true');
    try {
      await handler(new FormData(form));
    } catch (error) {
      showFailure(form, status, error);
    } finally {
      form.removeAttribute('aria-busy');
    }
  });
}

export interface FormSpec {
  id: string;
  title: string;
  heading?: 'h2' | 'h3' | 'h4';
  card?: boolean;
  submit: string;
  /// Shown under the status line, e.g. a result area.
  after?: Child[];
}

/// A form titled by its heading, with a submit button and a status line; `handler` runs on submit.
export function titledForm(
  spec: FormSpec,
  children: Child[],
  handler: (data: FormData, status: HTMLElement) => Promise<void>,
): HTMLFormElement {
  const headingId = `${spec.id}-title`;
  const status = statusLine();
  const form = el(
    'form',
    { id: spec.id, class: spec.card === false ? '' : 'card', 'aria-labelledby': headingId },
    el(spec.heading ?? 'h3', { id: headingId }, spec.title),
    ...children,
    button(spec.submit),
    status,
    ...(spec.after ?? []),
  );
  onSubmit(form, status, (data) => handler(data, status));
  return form;
}

export function text(data: FormData, name: string): string {
  return String(data.get(name) ?? '').trim();
}

/// Omits empty optional fields so the server applies its defaults.
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}

export function optionalNumber(value: string): number | undefined {
  return value === '' ? undefined : Number(value);
}

const severitySymbols: Record<string, string> = {
  urgent: '‼',
  major: '‼',
  moderate: '⚠',
  minor: 'ℹ',
  unknown: '?',
};

/// Severity as symbol + word, so the meaning never rests on colour alone.
export function severityTag(severity: string | undefined): HTMLElement {
  const level = severity ?? 'unknown';
  const symbol = severitySymbols[level] ?? '•';
  return el('span', { class: `tag sev sev-${level}` }, `${symbol} ${level}`);
}

export function evidenceTag(level: string | undefined): HTMLElement {
  return el('span', { class: 'tag evidence' }, `Evidence: ${level ?? 'not stated'}`);
}

export function sourcesLine(sources: string[] | undefined): HTMLElement | null {
  if (!sources?.length) return null;
  return el('small', { class: 'sources' }, `Sources: ${sources.join(', ')}`);
}

export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  const headingId = `${id}-title`;
  return el('section', { id, 'aria-labelledby': headingId }, el('h2', { id: headingId }, title), ...children);
}

/// A section part that could not load (e.g. a route the server does not offer yet).
export function unavailable(what: string, error: unknown): HTMLElement {
  const message = error instanceof Error ? error.message : String(error);
  return el('p', { class: 'muted' }, `${what} is not available right now (${message}).`);
}
