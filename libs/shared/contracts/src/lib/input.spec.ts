import type { ZodType } from 'zod';
import * as contracts from '../index';
import { calendarDate, dateTime, emailAddress, text, webUrl } from './input';

describe('text', () => {
  const line = text({ min: 1, max: 10 });
  const area = text({ max: 20, multiline: true });

  it('trims and keeps ordinary text, umlauts and emoji', () => {
    expect(line.parse('  Müller ')).toBe('Müller');
    expect(line.parse('Straße 🏛')).toBe('Straße 🏛');
  });

  it.each([
    ['NUL', 'a\u0000b'],
    ['a trailing NUL that trimming would not remove', 'ab\u0000'],
    ['escape', 'a\u001b[31m'],
    ['DEL', 'a\u007f'],
    ['C1 (NEL)', 'a\u0085b'],
    ['C1 (CSI)', 'a\u009b'],
    ['a line feed in a single-line field', 'a\nb'],
    ['a tab in a single-line field', 'a\tb'],
    ['a trailing vertical tab', 'ab\u000b'],
  ])('rejects %s', (_, value) => {
    const r = line.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('must not contain control characters');
  });

  it('allows tab, line feed and carriage return in multi-line fields, and no other control', () => {
    expect(area.parse('Zeile 1\r\n\tZeile 2')).toBe('Zeile 1\r\n\tZeile 2');
    expect(area.safeParse('Zeile 1\u0000').success).toBe(false);
    expect(area.safeParse('Zeile\u000c1').success).toBe(false);
  });

  it('enforces the length after trimming', () => {
    expect(line.parse(`   ${'x'.repeat(10)}   `)).toHaveLength(10);
    expect(line.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('must be at most 10 characters');
    expect(line.safeParse('   ').error?.issues[0]?.message).toBe('must not be empty');
  });
});

describe('e-mail and URL', () => {
  it('accepts addresses and http(s) URLs, refuses the rest', () => {
    expect(emailAddress().parse(' a.b@example.org ')).toBe('a.b@example.org');
    expect(emailAddress().safeParse('a@example.org\u0000').success).toBe(false);
    expect(emailAddress().safeParse('not an address').success).toBe(false);
    expect(webUrl({ max: 100 }).parse('https://example.org/logo.svg')).toBe('https://example.org/logo.svg');
    expect(webUrl({ max: 100 }).safeParse('javascript:alert(1)').success).toBe(false);
  });
});

describe('dates', () => {
  it.each(['1900-01-01', '2026-02-28', '2024-02-29', '2999-12-31'])('accepts %s', (d) => {
    expect(calendarDate().parse(d)).toBe(d);
  });
  it.each([
    ['0000-01-01', 'must be between 1900-01-01 and 2999-12-31'],
    ['1899-12-31', 'must be between 1900-01-01 and 2999-12-31'],
    ['3000-01-01', 'must be between 1900-01-01 and 2999-12-31'],
    ['99999-01-01', 'must be a date as YYYY-MM-DD'],
    ['2026-02-30', 'is not a valid calendar date'],
    ['2026-13-01', 'is not a valid calendar date'],
  ])('rejects %s', (d, message) => {
    const r = calendarDate().safeParse(d);
    expect(r.error?.issues.map((i) => i.message)).toEqual([message]);
  });

  it('accepts timestamps with offset in range, by the year as written', () => {
    expect(dateTime().parse('2026-03-01T18:00:00+01:00')).toBe('2026-03-01T18:00:00+01:00');
    expect(dateTime().parse('1900-01-01T00:30:00+01:00')).toBe('1900-01-01T00:30:00+01:00');
  });
  it.each(['0000-01-01T00:00:00Z', '3000-01-01T00:00:00Z', '+099999-01-01T00:00:00Z', '2026-03-01T18:00:00', '2026-03-01', `2026-03-01T18:00:00Z${'0'.repeat(100)}`])('rejects the timestamp %s', (d) => {
    expect(dateTime().safeParse(d).success).toBe(false);
  });
});

/**
 * Walks every exported input schema down to its text leaves and proves each one refuses a
 * control character and an oversized value: a new field written as a bare `z.string()` fails here.
 */
describe('every input schema of the contracts', () => {
  interface Def {
    type: string;
    shape?: Record<string, ZodType>;
    innerType?: ZodType;
    element?: ZodType;
    options?: ZodType[];
    catchall?: ZodType;
  }
  const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

  function textLeaves(schema: ZodType, path: string, out: { path: string; schema: ZodType }[]): void {
    const def = defOf(schema);
    if (def.type === 'string' || def.type === 'pipe') out.push({ path, schema });
    else if (def.type === 'object') for (const [k, v] of Object.entries(def.shape ?? {})) textLeaves(v, `${path}.${k}`, out);
    else if (def.innerType) textLeaves(def.innerType, path, out);
    else if (def.element) textLeaves(def.element, `${path}[]`, out);
    else if (def.options) def.options.forEach((o, i) => textLeaves(o, `${path}|${i}`, out));
  }

  const isZod = (v: unknown): v is ZodType => typeof v === 'object' && v !== null && '_zod' in v;
  /**
   * Response schemas (what the API writes, `@Responds(paperSchema)`) describe output and clean
   * nothing. Input objects are all `.strict()`; an object that is not is a response shape.
   */
  const isResponseShape = (schema: ZodType): boolean => {
    let def = defOf(schema) as Def & { in?: ZodType; catchall?: ZodType };
    while (def.type !== 'object' && (def.innerType || def.in)) def = defOf((def.innerType ?? def.in) as ZodType) as typeof def;
    return def.type === 'object' && (!def.catchall || defOf(def.catchall).type !== 'never');
  };
  const schemas = Object.entries(contracts as Record<string, unknown>).flatMap(([name, v]) => (name.endsWith('Schema') && isZod(v) && !isResponseShape(v) ? [[name, v] as const] : []));
  const leaves: { path: string; schema: ZodType }[] = [];
  for (const [name, schema] of schemas) textLeaves(schema, name, leaves);

  it('tells response schemas from input schemas', () => {
    expect(isResponseShape(contracts.portalPaperSchema)).toBe(true);
    expect(isResponseShape(contracts.portalPaperQuerySchema)).toBe(false);
    expect(schemas.map(([n]) => n)).toEqual(expect.arrayContaining(['portalPaperQuerySchema', 'portalPaperParamsSchema']));
  });

  it('finds the input schemas and their text fields', () => {
    expect(schemas.map(([n]) => n)).toEqual(expect.arrayContaining(['inviteUserSchema', 'onboardTenantSchema', 'supportAccessGrantSchema', 'auditQuerySchema', 'meetingRangeQuerySchema']));
    expect(leaves.map((l) => l.path)).toEqual(expect.arrayContaining(['inviteUserSchema.firstName', 'onboardTenantSchema.firstAdmin.email', 'supportAccessGrantSchema.reason', 'auditQuerySchema.cursor', 'meetingRangeQuerySchema.from', 'createPaperSchema.name', 'putConsultationsSchema.consultations[].role']));
    expect(schemas.map(([n]) => n)).not.toContain('paperSchema');
  });

  it('refuses a NUL, an escape sequence and 2 MB in every text field', () => {
    const accepted = leaves.flatMap(({ path, schema }) =>
      ['ok\u0000', 'ok\u001b[2J', 'x'.repeat(2 * 1024 * 1024)].filter((v) => schema.safeParse(v).success).map((v) => `${path} accepts ${JSON.stringify(v.slice(0, 12))}`),
    );
    expect(accepted).toEqual([]);
  });
});
