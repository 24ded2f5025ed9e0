/**
 * A small Dockerfile reader for the structure tests (no container engine needed): instructions
 * with their stage, line continuations joined, comments and parser directives dropped.
 */
export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  name: string;
  /** The image or earlier stage it starts from (ARG defaults substituted). */
  from: string;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const start = i + 1;
    let raw = lines[i];
    if (/^\s*(#|$)/.test(raw)) continue;
    while (/\\\s*$/.test(raw) && i + 1 < lines.length) {
      i++;
      const next = lines[i];
      if (/^\s*#/.test(next)) continue; // comment lines inside a continued instruction
      raw = raw.replace(/\\\s*$/, ' ') + next;
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(raw);
    if (!m) throw new Error(`Dockerfile line ${start}: cannot read "${raw}"`);
    const keyword = m[1].toUpperCase();
    const rest = m[2].trim();
    if (keyword === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!f) throw new Error(`Dockerfile line ${start}: bad FROM "${rest}"`);
      const from = f[1].replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => args[(a ?? b) as string] ?? '');
      stages.push({ name: f[2] ?? String(stages.length), from, instructions: [] });
      continue;
    }
    if (keyword === 'ARG' && stages.length === 0) {
      const [name, ...value] = rest.split('=');
      args[name.trim()] = value.join('=').trim();
      continue;
    }
    if (stages.length === 0) throw new Error(`Dockerfile line ${start}: ${keyword} before the first FROM`);
    stages[stages.length - 1].instructions.push({ keyword, args: rest, line: start });
  }
  return { args, stages };
}

/** The stage and the stages it is built on, base first. */
export function stageChain(stages: Stage[], name: string): Stage[] {
  const byName = new Map(stages.map((s) => [s.name, s]));
  const chain: Stage[] = [];
  for (let s = byName.get(name); s; s = byName.get(s.from)) {
    if (chain.includes(s)) throw new Error(`stage cycle at ${s.name}`);
    chain.unshift(s);
  }
  return chain;
}

/** ENV / ARG pairs of an instruction (`ENV A=1 B=2`, legacy `ENV A 1`). */
export function assignments(i: Instruction): [string, string][] {
  if (i.keyword === 'ARG') {
    const [name, ...v] = i.args.split('=');
    return [[name.trim(), v.join('=').trim()]];
  }
  if (!i.args.includes('=')) {
    const [name, ...v] = i.args.split(/\s+/);
    return [[name, v.join(' ')]];
  }
  const out: [string, string][] = [];
  for (const m of i.args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) out.push([m[1], m[2].replace(/^"|"$/g, '')]);
  return out;
}
