/**
 * A strict reader of iCalendar text (RFC 5545 §3.1) for tests: CRLF line endings, unfolding of
 * continuation lines, NAME;PARAM=VALUE:VALUE properties, BEGIN/END nesting that must balance.
 * Throws on anything malformed, so a test that reads a calendar proves it is well-formed.
 */
export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface IcsComponent {
  type: string;
  props: IcsProperty[];
  components: IcsComponent[];
}

export function parseIcs(text: string): IcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('iCalendar text must end with CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  if (physical.some((l) => l.includes('\n') || l.includes('\r'))) throw new Error('bare LF or CR in iCalendar text');
  const lines: string[] = [];
  for (const l of physical) {
    if (l.startsWith(' ') || l.startsWith('\t')) {
      if (lines.length === 0) throw new Error('continuation line first');
      lines.push(`${lines.pop() ?? ''}${l.slice(1)}`);
    } else lines.push(l);
  }
  for (const l of physical) if (Buffer.byteLength(l, 'utf8') > 75) throw new Error(`line longer than 75 octets: ${l}`);
  const stack: IcsComponent[] = [];
  let root: IcsComponent | null = null;
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*)(?:,(?:"[^"]*"|[^;:,"]*))*)*):(.*)$/.exec(line);
    if (!m) throw new Error(`malformed content line: ${line}`);
    const [, rawName = '', rawParams = '', value = ''] = m;
    const name = rawName.toUpperCase();
    const params: Record<string, string> = {};
    for (const p of rawParams.split(';').slice(1)) {
      const i = p.indexOf('=');
      params[p.slice(0, i).toUpperCase()] = p.slice(i + 1).replace(/^"|"$/g, '');
    }
    if (name === 'BEGIN') {
      const c: IcsComponent = { type: value.toUpperCase(), props: [], components: [] };
      const parent = stack[stack.length - 1];
      if (parent) parent.components.push(c);
      else if (root) throw new Error('second top-level component');
      else root = c;
      stack.push(c);
    } else if (name === 'END') {
      const c = stack.pop();
      if (!c || c.type !== value.toUpperCase()) throw new Error(`END:${value} does not close ${c?.type ?? 'nothing'}`);
    } else {
      const c = stack[stack.length - 1];
      if (!c) throw new Error(`property outside a component: ${line}`);
      c.props.push({ name, params, value });
    }
  }
  if (stack.length || !root) throw new Error('unbalanced BEGIN/END');
  return root;
}

export function prop(c: IcsComponent, name: string): IcsProperty | undefined {
  return c.props.find((p) => p.name === name);
}

/** 20261209T160000Z → Date (UTC form only: what the generator writes). */
export function icsUtc(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) throw new Error(`not a UTC date-time: ${value}`);
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}
