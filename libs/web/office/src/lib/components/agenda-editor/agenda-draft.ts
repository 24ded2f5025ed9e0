import { type AgendaDto, type AgendaItemInput, agendaNumbers } from '@ratsinfo/contracts';

/** One item of the agenda as the clerk edits it (not yet saved). `key` is stable while editing: the id, or a temporary one for a new item. */
export interface DraftItem {
  key: string;
  id: string | null;
  level: 1 | 2;
  public: boolean;
  name: string;
  urgent: boolean;
  urgentReason: string;
  consultationId: string | null;
  /** The paper the item deliberates (display only). */
  paper: { reference: string; name: string } | null;
  fileCount: number;
}

let counter = 0;
export const newKey = () => `neu-${++counter}`;

export function draftFrom(items: AgendaDto['items']): DraftItem[] {
  return items.map((i) => ({
    key: i.id,
    id: i.id,
    level: i.level,
    public: i.public,
    name: i.name,
    urgent: i.urgent,
    urgentReason: i.urgentReason ?? '',
    consultationId: i.consultation?.id ?? null,
    paper: i.consultation ? { reference: i.consultation.paper.reference, name: i.consultation.paper.name } : null,
    fileCount: i.files.length,
  }));
}

export function toInput(items: readonly DraftItem[]): AgendaItemInput[] {
  return items.map((i) => ({
    ...(i.id ? { id: i.id } : {}),
    level: i.level,
    public: i.public,
    name: i.name.trim(),
    urgent: i.urgent,
    urgentReason: i.urgent ? i.urgentReason.trim() || null : null,
    consultationId: i.consultationId,
  }));
}

/** The numbers as the server will compute them (Ö 1, Ö 1.1, N 1), keyed by item. */
export function numbersByKey(items: readonly DraftItem[]): Map<string, string> {
  const numbers = agendaNumbers(items);
  return new Map(items.map((i, n) => [i.key, numbers[n] ?? '']));
}

/**
 * The agenda's shape rules, restored after every edit: the public part first, and a sub-item
 * never first in its part (it becomes an item).
 */
export function normalize(items: readonly DraftItem[]): DraftItem[] {
  const ordered = [...items.filter((i) => i.public), ...items.filter((i) => !i.public)];
  return ordered.map((item, n) => (item.level === 2 && (n === 0 || ordered[n - 1]?.public !== item.public) ? { ...item, level: 1 } : item));
}

/** End (exclusive) of the block an item opens: the item and its sub-items. */
function blockEnd(items: readonly DraftItem[], start: number): number {
  let end = start + 1;
  while (end < items.length && items[end]?.level === 2 && items[end]?.public === items[start]?.public) end++;
  return end;
}

/**
 * Moves an item one place up within its part. An item moves with its sub-items past the item
 * (block) before it; a sub-item moves among its siblings. Null when it cannot move.
 */
export function moveUp(items: readonly DraftItem[], key: string): DraftItem[] | null {
  const at = items.findIndex((i) => i.key === key);
  const item = items[at];
  if (!item) return null;
  if (item.level === 2) {
    const before = items[at - 1];
    if (!before || before.level !== 2 || before.public !== item.public) return null;
    return swap(items, at - 1, at);
  }
  let prev = at - 1;
  while (prev >= 0 && items[prev]?.level === 2) prev--;
  if (prev < 0 || items[prev]?.public !== item.public) return null;
  const end = blockEnd(items, at);
  return [...items.slice(0, prev), ...items.slice(at, end), ...items.slice(prev, at), ...items.slice(end)];
}

export function moveDown(items: readonly DraftItem[], key: string): DraftItem[] | null {
  const at = items.findIndex((i) => i.key === key);
  const item = items[at];
  if (!item) return null;
  if (item.level === 2) {
    const after = items[at + 1];
    if (!after || after.level !== 2 || after.public !== item.public) return null;
    return swap(items, at, at + 1);
  }
  const end = blockEnd(items, at);
  const next = items[end];
  if (!next || next.public !== item.public) return null;
  const nextEnd = blockEnd(items, end);
  return [...items.slice(0, at), ...items.slice(end, nextEnd), ...items.slice(at, end), ...items.slice(nextEnd)];
}

/** Makes an item a sub-item of the item before it (same part). */
export function indent(items: readonly DraftItem[], key: string): DraftItem[] | null {
  const at = items.findIndex((i) => i.key === key);
  const item = items[at];
  const before = items[at - 1];
  if (!item || item.level === 2 || !before || before.public !== item.public) return null;
  // Its own sub-items stay sub-items (of the same parent now): one level only.
  return items.map((i) => (i.key === key ? { ...i, level: 2 } : i));
}

export function outdent(items: readonly DraftItem[], key: string): DraftItem[] | null {
  const item = items.find((i) => i.key === key);
  if (!item || item.level === 1) return null;
  return items.map((i) => (i.key === key ? { ...i, level: 1 } : i));
}

/** Moves an item (with its sub-items) to the end of the other part. */
export function switchPart(items: readonly DraftItem[], key: string): DraftItem[] | null {
  const at = items.findIndex((i) => i.key === key);
  const item = items[at];
  if (!item) return null;
  const end = item.level === 1 ? blockEnd(items, at) : at + 1;
  const moved = items.slice(at, end).map((i, n) => ({ ...i, public: !item.public, level: n === 0 ? 1 : i.level }) as DraftItem);
  const rest = [...items.slice(0, at), ...items.slice(end)];
  const target = item.public ? rest.length : rest.filter((i) => i.public).length;
  return normalize([...rest.slice(0, target), ...moved, ...rest.slice(target)]);
}

export function remove(items: readonly DraftItem[], key: string): DraftItem[] {
  return normalize(items.filter((i) => i.key !== key));
}

/** A new item at the end of its part. */
export function append(items: readonly DraftItem[], item: DraftItem): DraftItem[] {
  const target = item.public ? items.filter((i) => i.public).length : items.length;
  return normalize([...items.slice(0, target), item, ...items.slice(target)]);
}

/** Drag and drop inside one part: `from`/`to` are positions within that part. */
export function moveWithinPart(items: readonly DraftItem[], isPublic: boolean, from: number, to: number): DraftItem[] {
  const part = items.filter((i) => i.public === isPublic);
  const [moved] = part.splice(from, 1);
  if (!moved) return [...items];
  part.splice(to, 0, moved);
  const others = items.filter((i) => i.public !== isPublic);
  return normalize(isPublic ? [...part, ...others] : [...others, ...part]);
}

function swap(items: readonly DraftItem[], a: number, b: number): DraftItem[] {
  const copy = [...items];
  const first = copy[a];
  const second = copy[b];
  if (first && second) {
    copy[a] = second;
    copy[b] = first;
  }
  return copy;
}

/** Did the clerk change anything against the saved agenda? */
export function sameAgenda(a: readonly DraftItem[], b: readonly DraftItem[]): boolean {
  return JSON.stringify(toInput(a)) === JSON.stringify(toInput(b));
}
