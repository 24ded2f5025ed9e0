import { ORGANIZATION_TYPES, PERSON_GENDERS, type LegislativeTermDto, type LocationDto, type OfficeMembershipDto, type OfficeOrganizationDto, type OfficePersonDto, type OrganizationType, type PersonGender } from '@ratsinfo/contracts';
import { type FieldDef, type FieldOption, type FormValue, controlValue } from './form-model';

/*
 * The fields of each structure form, in the order a clerk fills them in, and the mapping of a
 * record to form values (for editing and for showing the stored state after a 412).
 */

/** t(structure.organizationTypes.council, structure.organizationTypes.committee, structure.organizationTypes.faction, structure.organizationTypes.other) */
export const ORGANIZATION_TYPE_KEYS: Readonly<Record<OrganizationType, string>> = {
  council: 'structure.organizationTypes.council',
  committee: 'structure.organizationTypes.committee',
  faction: 'structure.organizationTypes.faction',
  other: 'structure.organizationTypes.other',
};

/** t(structure.genders.female, structure.genders.male, structure.genders.diverse) */
export const GENDER_KEYS: Readonly<Record<PersonGender, string>> = {
  female: 'structure.genders.female',
  male: 'structure.genders.male',
  diverse: 'structure.genders.diverse',
};

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
export const byText = (a: string, b: string) => collator.compare(a, b);

const f = (name: string, kind: FieldDef['kind'], extra: Partial<FieldDef> = {}): FieldDef => ({ name, kind, labelKey: `structure.fields.${name}`, ...extra });

/** t(structure.fields.name, structure.fields.startDate, structure.fields.endDate, structure.hints.termName) */
export const LEGISLATIVE_TERM_FIELDS: readonly FieldDef[] = [
  f('name', 'text', { maxLength: 200, hintKey: 'structure.hints.termName' }),
  f('startDate', 'date'),
  f('endDate', 'date', { optional: true }),
];

export function legislativeTermValue(t: LegislativeTermDto): FormValue {
  return { name: t.name, startDate: t.startDate, endDate: controlValue('date', t.endDate) };
}

/** t(structure.hints.locationDescription, structure.fields.description, structure.fields.room, structure.fields.streetAddress, structure.fields.postalCode, structure.fields.locality) */
export const LOCATION_FIELDS: readonly FieldDef[] = [
  f('description', 'text', { maxLength: 300, hintKey: 'structure.hints.locationDescription', wide: true }),
  f('room', 'text', { optional: true, maxLength: 100 }),
  f('streetAddress', 'text', { optional: true, maxLength: 200, autocomplete: 'off' }),
  f('postalCode', 'text', { optional: true, maxLength: 10 }),
  f('locality', 'text', { optional: true, maxLength: 100 }),
];

export function locationValue(l: LocationDto): FormValue {
  return { description: l.description, room: controlValue('text', l.room), streetAddress: controlValue('text', l.streetAddress), postalCode: controlValue('text', l.postalCode), locality: controlValue('text', l.locality) };
}

export function locationName(l: Pick<LocationDto, 'description' | 'room'>): string {
  return l.room ? `${l.description} (${l.room})` : l.description;
}

/**
 * t(structure.fields.shortName, structure.fields.organizationType, structure.fields.classification, structure.fields.parentId,
 *   structure.fields.locationId, structure.fields.website, structure.hints.classification, structure.hints.parent,
 *   structure.hints.website, structure.hints.organizationType, structure.form.noParent, structure.form.noLocation)
 */
export function organizationFields(parents: readonly FieldOption[], locations: readonly FieldOption[], full: boolean): FieldDef[] {
  const fields = [
    f('name', 'text', { maxLength: 300 }),
    f('shortName', 'text', { optional: true, maxLength: 50 }),
    f('organizationType', 'select', { hintKey: 'structure.hints.organizationType', options: ORGANIZATION_TYPES.map((t) => ({ value: t, labelKey: ORGANIZATION_TYPE_KEYS[t] })) }),
    f('parentId', 'select', { optional: true, options: parents, emptyKey: 'structure.form.noParent', hintKey: 'structure.hints.parent' }),
  ];
  if (!full) return fields;
  return [
    ...fields,
    f('classification', 'text', { optional: true, maxLength: 100, hintKey: 'structure.hints.classification' }),
    f('locationId', 'select', { optional: true, options: locations, emptyKey: 'structure.form.noLocation' }),
    f('startDate', 'date', { optional: true }),
    f('endDate', 'date', { optional: true }),
    f('website', 'url', { optional: true, maxLength: 500, hintKey: 'structure.hints.website', wide: true }),
  ];
}

export function organizationValue(o: OfficeOrganizationDto): FormValue {
  return {
    name: o.name,
    shortName: controlValue('text', o.shortName),
    organizationType: o.organizationType,
    parentId: controlValue('select', o.parent?.id),
    classification: controlValue('text', o.classification),
    locationId: controlValue('select', o.location?.id),
    startDate: controlValue('date', o.startDate),
    endDate: controlValue('date', o.endDate),
    website: controlValue('url', o.website),
  };
}

export function organizationName(o: Pick<OfficeOrganizationDto, 'name' | 'shortName'>): string {
  return o.shortName ? `${o.name} (${o.shortName})` : o.name;
}

/**
 * t(structure.fields.formOfAddress, structure.fields.title, structure.fields.givenName, structure.fields.familyName,
 *   structure.fields.affix, structure.fields.gender, structure.fields.email, structure.fields.phone, structure.fields.address,
 *   structure.fields.life, structure.hints.formOfAddress, structure.hints.title, structure.hints.affix, structure.hints.address,
 *   structure.hints.life, structure.form.noGender)
 */
export function personFields(full: boolean): FieldDef[] {
  const fields = [
    f('formOfAddress', 'text', { optional: true, maxLength: 50, hintKey: 'structure.hints.formOfAddress' }),
    f('title', 'text', { optional: true, maxLength: 50, hintKey: 'structure.hints.title' }),
    f('givenName', 'text', { maxLength: 100 }),
    f('familyName', 'text', { maxLength: 100 }),
    f('affix', 'text', { optional: true, maxLength: 50, hintKey: 'structure.hints.affix' }),
    f('email', 'email', { optional: true, maxLength: 254 }),
  ];
  if (!full) return fields;
  return [
    ...fields,
    f('phone', 'tel', { optional: true, maxLength: 50 }),
    f('gender', 'select', { optional: true, emptyKey: 'structure.form.noGender', options: PERSON_GENDERS.map((g) => ({ value: g, labelKey: GENDER_KEYS[g] })) }),
    f('address', 'textarea', { optional: true, maxLength: 500, hintKey: 'structure.hints.address' }),
    f('life', 'textarea', { optional: true, maxLength: 2000, hintKey: 'structure.hints.life', wide: true }),
  ];
}

export function personValue(p: OfficePersonDto): FormValue {
  const v: FormValue = { givenName: p.givenName, familyName: p.familyName };
  for (const key of ['formOfAddress', 'title', 'affix', 'email', 'phone', 'gender', 'address', 'life'] as const) v[key] = controlValue('text', p[key]);
  return v;
}

export function personSortName(p: Pick<OfficePersonDto, 'familyName' | 'givenName'>): string {
  return `${p.familyName}, ${p.givenName}`;
}

/**
 * t(structure.fields.personId, structure.fields.role, structure.fields.votingRight, structure.fields.onBehalfOfId,
 *   structure.fields.deputyForId, structure.hints.role, structure.hints.onBehalfOf, structure.hints.deputyFor,
 *   structure.form.noFaction, structure.form.noDeputy, structure.form.choosePerson)
 */
export function membershipFields(persons: readonly FieldOption[] | null, factions: readonly FieldOption[], members: readonly FieldOption[]): FieldDef[] {
  return [
    ...(persons ? [f('personId', 'select', { options: persons, emptyKey: 'structure.form.choosePerson' })] : []),
    f('role', 'text', { optional: true, maxLength: 100, hintKey: 'structure.hints.role' }),
    f('onBehalfOfId', 'select', { optional: true, options: factions, emptyKey: 'structure.form.noFaction', hintKey: 'structure.hints.onBehalfOf' }),
    f('deputyForId', 'select', { optional: true, options: members, emptyKey: 'structure.form.noDeputy', hintKey: 'structure.hints.deputyFor' }),
    f('startDate', 'date', { optional: true }),
    f('endDate', 'date', { optional: true }),
    f('votingRight', 'checkbox'),
  ];
}

export function membershipValue(m: OfficeMembershipDto): FormValue {
  return {
    personId: m.person.id,
    role: controlValue('text', m.role),
    onBehalfOfId: controlValue('select', m.onBehalfOf?.id),
    deputyForId: controlValue('select', m.deputyFor?.id),
    startDate: controlValue('date', m.startDate),
    endDate: controlValue('date', m.endDate),
    votingRight: m.votingRight,
  };
}

/** A date `YYYY-MM-DD` as the clerk reads it (`01.07.2024`). */
export function germanDate(iso: string | null): string {
  if (!iso) return '–';
  const [y, m, d] = iso.split('-');
  return `${d}.${m}.${y}`;
}

/** A period "01.07.2024 – 30.06.2029", "seit 01.07.2024", or empty. */
export function period(start: string | null, end: string | null): { text: string } | { key: string } {
  if (!start && !end) return { key: 'structure.values.none' };
  return { text: `${start ? germanDate(start) : '…'} – ${end ? germanDate(end) : '…'}` };
}
