/**
 * What the generic structure form needs to know about one field. `name` is the field of the
 * contracts' zod schema and of the API's `errors[].name`, so client and server errors land at
 * the same input.
 */
export type FieldKind = 'text' | 'textarea' | 'date' | 'email' | 'url' | 'tel' | 'select' | 'checkbox';

export interface FieldOption {
  value: string;
  /** Shown as is (names of records) … */
  label?: string;
  /** … or translated (fixed choices). */
  labelKey?: string;
}

export interface FieldDef {
  name: string;
  kind: FieldKind;
  labelKey: string;
  hintKey?: string;
  optional?: boolean;
  maxLength?: number;
  options?: readonly FieldOption[];
  /** Label of the empty choice of a select (optional selects). */
  emptyKey?: string;
  autocomplete?: string;
  /** Spans the whole row of the form grid (long texts). */
  wide?: boolean;
}

/** A flat form value: strings for inputs and selects ("" = empty), booleans for checkboxes. */
export type FormValue = Record<string, string | boolean>;

/** A field's error: the translation key of the message and its parameters. */
export interface FieldMessage {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * The message for a validation reason. Client (zod) and server use the same schemas and so the
 * same reasons; the server adds what only it can know (references, cycles, factions).
 *
 * t(structure.errors.required, structure.errors.tooLong, structure.errors.controlCharacters, structure.errors.date,
 *   structure.errors.yearRange, structure.errors.endBeforeStart, structure.errors.email, structure.errors.url,
 *   structure.errors.postalCode, structure.errors.choose, structure.errors.cycle,
 *   structure.errors.selfParent, structure.errors.notFaction, structure.errors.deputySelf,
 *   structure.errors.deputyNotMember, structure.errors.unknownReference, structure.errors.invalid, structure.errors.tooDeep)
 */
export function messageFor(reason: string, kind?: FieldKind): FieldMessage {
  const max = /at most (\d+) characters/.exec(reason);
  if (max) return { key: 'structure.errors.tooLong', params: { max: Number(max[1]) } };
  if (/must not be empty|at least|Too small|expected string, received undefined/i.test(reason)) return { key: kind === 'select' ? 'structure.errors.choose' : 'structure.errors.required' };
  if (/control characters/.test(reason)) return { key: 'structure.errors.controlCharacters' };
  if (/must be between \d{4}-01-01 and/.test(reason)) return { key: 'structure.errors.yearRange' };
  if (/must be a date|valid calendar date/.test(reason)) return { key: 'structure.errors.date' };
  if (/must not be before startDate/.test(reason)) return { key: 'structure.errors.endBeforeStart' };
  if (/e-mail/.test(reason)) return { key: 'structure.errors.email' };
  if (/URL/.test(reason)) return { key: 'structure.errors.url' };
  if (/postal code/.test(reason)) return { key: 'structure.errors.postalCode' };
  if (/cycle/.test(reason)) return { key: 'structure.errors.cycle' };
  if (/deeper than/.test(reason)) return { key: 'structure.errors.tooDeep' };
  if (/organization itself/.test(reason)) return { key: 'structure.errors.selfParent' };
  if (/must be a faction/.test(reason)) return { key: 'structure.errors.notFaction' };
  if (/another person/.test(reason)) return { key: 'structure.errors.deputySelf' };
  if (/not a member of this organization/.test(reason)) return { key: 'structure.errors.deputyNotMember' };
  if (/of this authority/.test(reason)) return { key: 'structure.errors.unknownReference' };
  if (kind === 'select' || /Invalid option|expected one of/i.test(reason)) return { key: 'structure.errors.choose' };
  return { key: 'structure.errors.invalid' };
}

/** A DTO value as a form control value. */
export function controlValue(kind: FieldKind, value: unknown): string | boolean {
  if (kind === 'checkbox') return value === true;
  return value === null || value === undefined ? '' : String(value);
}

/** The form's values as the body of the contracts' schema: optional empty fields become null. */
export function candidate(fields: readonly FieldDef[], value: FormValue): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const v = value[field.name];
    if (field.kind === 'checkbox') out[field.name] = v === true;
    else {
      const s = typeof v === 'string' ? v : '';
      out[field.name] = field.optional && s.trim() === '' ? null : s;
    }
  }
  return out;
}
