// The person: the first-run form that creates one, and the settings form that changes name,
// weight, time zone and jurisdiction (a new jurisdiction brings its legal notice).

import { api, personPath, type Person } from './api';
import { el, field, input, optional, optionalNumber, section, text, titledForm } from './dom';
import type { Context } from './state';
import { browserTimeZone } from './time';

function zoneList(): HTMLElement {
  const zones = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return el('datalist', { id: 'tz-list' }, ...zones.map((zone) => el('option', { value: zone })));
}

function personFields(person: Partial<Person>): HTMLElement[] {
  return [
    field('Name', input('name', { required: '', value: person.name ?? '', autocomplete: 'nickname' })),
    field(
      'Weight (kg, optional)',
      input('weight_kg', { type: 'number', min: '20', max: '300', step: '0.1', value: String(person.weight_kg ?? '') }),
      'Used by the model; leave empty for 70 kg.',
    ),
    field(
      'Time zone',
      input('tz', { required: '', list: 'tz-list', value: person.tz ?? browserTimeZone() }),
      'IANA name, e.g. Europe/Berlin.',
    ),
    field(
      'Jurisdiction (optional)',
      input('jurisdiction', { value: person.jurisdiction ?? '', placeholder: 'US-AL', autocapitalize: 'characters' }),
      'Country or region code: TH, GB, US-AL … Used for the legal notice and the emergency number.',
    ),
    zoneList(),
  ];
}

function personBody(data: FormData) {
  return {
    name: text(data, 'name'),
    weight_kg: optionalNumber(text(data, 'weight_kg')),
    tz: text(data, 'tz'),
    jurisdiction: optional(text(data, 'jurisdiction').toUpperCase()),
  };
}

export function createPersonForm(created: (id: number) => void): HTMLElement {
  const form = titledForm(
    { id: 'create-person', title: 'Start a journal', heading: 'h2', submit: 'Create' },
    [
      el('p', {}, 'Nothing is recorded yet. Create a person to start; everything stays on this computer.'),
      ...personFields({}),
    ],
    async (data) => created((await api.post<{ id: number }>('/people', personBody(data))).id),
  );
  return el('main', { id: 'main' }, form);
}

export function settings(ctx: Context): HTMLElement {
  const form = titledForm(
    { id: 'settings-form', title: `Settings for ${ctx.person.name}`, submit: 'Save settings' },
    personFields(ctx.person),
    async (data) => {
      await api.patch(personPath(ctx.person, ''), personBody(data));
      ctx.personChanged();
    },
  );
  return section('settings', 'Settings', form);
}
