/**
 * Deterministic ids and "random" choices of the demo data: everything is a hash of a stable key,
 * so the same input always yields the same rows (and the same document bytes).
 */
import { createHash } from 'node:crypto';

/** Namespace of the demo ids (a random v4 UUID fixed once; never change it, ids depend on it). */
export const DEMO_UUID_NAMESPACE = '6f1c2a7e-93d4-4b8a-a5e2-0c7d9b41f3a8';

const NAMESPACE_BYTES = Buffer.from(DEMO_UUID_NAMESPACE.replaceAll('-', ''), 'hex');

/** UUID v5 of `key` in DEMO_UUID_NAMESPACE. */
export function demoUuid(key: string): string {
  const hash = createHash('sha1').update(NAMESPACE_BYTES).update(key, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122/9562 variant
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A stable 32-bit number for `key`. */
export function hashInt(key: string): number {
  return createHash('sha1').update(key, 'utf8').digest().readUInt32BE(0);
}

/** A stable number in [0, 1) for `key`. */
export function hashFrac(key: string): number {
  return hashInt(key) / 0x1_0000_0000;
}

export function pick<T>(items: readonly T[], key: string): T {
  return items[hashInt(key) % items.length];
}

export function shuffled<T>(items: readonly T[], key: string): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = hashInt(`${key}/${i}`) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The meeting of Stadt Burg that runs "now" (demo-meeting-service.mts; re-timed by live-meeting.mts on every start). */
export const DEMO_LIVE_MEETING_KEY = 'burg/meeting/committee/hauptausschuss/live';
export const DEMO_LIVE_MEETING_ID = demoUuid(DEMO_LIVE_MEETING_KEY);
/** The tenant of the live meeting (demoUuid(`tenant/burg`), as demo-data.mts makes it). */
export const DEMO_LIVE_MEETING_TENANT_ID = demoUuid('tenant/burg');
