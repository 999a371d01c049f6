// Entry point: read the session (CSRF token), log in when the server is in multi-user mode, offer
// to create a person when there is none, else show the dashboard for the chosen person.

import './style.css';
import { api, loadSession, type Person, type Session } from './api';
import { cards } from './cards';
import { el, field, input, text, titledForm } from './dom';
import { createPersonForm, settings } from './person';
import { quickLog } from './quicklog';
import { safety } from './safety';
import { simulator } from './simulator';
import { listOf, type Context } from './state';
import { timeline } from './timeline';

const root = document.getElementById('app') as HTMLElement;
const chosenPersonKey = 'speciosa.person';

function header(session: Session, people: Person[], current: Person | null): HTMLElement {
  const nav = current
    ? el(
        'nav',
        { 'aria-label': 'Sections' },
        ...[
          ['#log', 'Log'],
          ['#timeline', 'Timeline'],
          ['#insight', 'Insight'],
          ['#safety', 'Safety'],
          ['#simulate', 'Simulator'],
          ['#settings', 'Settings'],
        ].map(([href, label]) => el('a', { href }, label)),
      )
    : null;
  return el(
    'header',
    {},
    el('a', { class: 'skip', href: '#main' }, 'Skip to content'),
    el('h1', {}, 'speciosa'),
    el(
      'p',
      { class: 'tagline' },
      'A harm-reduction and research tool about kratom. Not medical advice; it does not recommend kratom or claim it treats anything.',
    ),
    people.length > 1 && current ? personPicker(people, current) : null,
    session.account ? signedIn(session.account) : null,
    nav,
  );
}

function signedIn(account: string): HTMLElement {
  const signOut = el('button', { type: 'button' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    await api.post('/logout', {});
    await start();
  });
  return el('p', { class: 'muted' }, `Signed in as ${account}. `, signOut);
}

function personPicker(people: Person[], current: Person): HTMLElement {
  const picker = el('select', { name: 'person' }, ...people.map((p) => el('option', { value: String(p.id) }, p.name)));
  picker.value = String(current.id);
  picker.addEventListener('change', () => {
    localStorage.setItem(chosenPersonKey, picker.value);
    void start();
  });
  return field('Person', picker);
}

function dashboard(session: Session, people: Person[], person: Person): void {
  const listeners: (() => void)[] = [];
  const ctx: Context = {
    session,
    person,
    journalChanged: () => listeners.forEach((listener) => listener()),
    onJournalChange: (listener) => listeners.push(listener),
    personChanged: () => void start('Settings saved.'),
  };
  root.replaceChildren(
    header(session, people, person),
    el('main', { id: 'main' }, quickLog(ctx), timeline(ctx), cards(ctx), safety(ctx), simulator(ctx), settings(ctx)),
    el(
      'footer',
      {},
      'speciosa — every number shows its source and evidence level. In an emergency call your local emergency number.',
    ),
  );
}

function loginForm(session: Session): void {
  const form = titledForm(
    { id: 'login-form', title: 'Sign in', heading: 'h2', submit: 'Sign in' },
    [
      field('Account', input('account', { required: '', autocomplete: 'username' })),
      field('Password', input('password', { type: 'password', required: '', autocomplete: 'current-password' })),
    ],
    async (data) => {
      await api.post('/login', { account: text(data, 'account'), password: text(data, 'password') });
      await start();
    },
  );
  root.replaceChildren(header(session, [], null), el('main', { id: 'main' }, form));
}

function choosePerson(people: Person[]): Person {
  const chosen = people.find((p) => String(p.id) === localStorage.getItem(chosenPersonKey));
  return chosen ?? people[people.length - 1];
}

function flash(message: string): void {
  const note = el('p', { class: 'flash', role: 'status' }, message);
  root.querySelector('main')?.prepend(note);
}

async function start(message?: string): Promise<void> {
  try {
    const session = await loadSession();
    if (session.mode === 'multi' && !session.account) return loginForm(session);
    const people = listOf<Person>(await api.get<unknown>('/people'), 'people');
    if (!people.length) {
      root.replaceChildren(
        header(session, [], null),
        createPersonForm((id) => {
          localStorage.setItem(chosenPersonKey, String(id));
          void start();
        }),
      );
      return;
    }
    dashboard(session, people, choosePerson(people));
    if (message) flash(message);
  } catch (error) {
    root.replaceChildren(
      el(
        'main',
        { id: 'main' },
        el('p', { role: 'alert' }, `Cannot reach the speciosa server: ${(error as Error).message}`),
      ),
    );
  }
}

void start();
