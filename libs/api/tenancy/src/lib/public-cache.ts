import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { LRUCache } from 'lru-cache';

/**
 * Public responses may be stored by shared caches (a CDN, a municipal proxy) but must be
 * revalidated on every use: a clerk who publishes an agenda expects the portal to show it at
 * once, and no cache we do not run can be purged. Revalidation is answered with 304 from memory.
 */
export const PUBLIC_CACHE_CONTROL = 'public, no-cache';

export interface CachedResponse {
  body: Buffer;
  etag: string;
  contentType: string;
  /** Route template of the request that filled the entry (for the request metrics of a hit). */
  route?: string;
  /** The answer's Last-Modified, when the route sets one (OParl). */
  lastModified?: string;
  /** Sent again with a stored non-JSON answer (a calendar's download name). */
  contentDisposition?: string;
}

/**
 * A public answer that is not JSON (an iCalendar, an RSS or Atom feed): a handler behind the
 * PublicCacheInterceptor returns it, and its bytes are sent, validated and stored as they are.
 */
export class PublicDocument {
  constructor(
    readonly body: string,
    readonly contentType: string,
    /** `inline; filename="…"` when given. */
    readonly fileName?: string,
  ) {}

  get contentDisposition(): string | undefined {
    return this.fileName ? `inline; filename="${this.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"` : undefined;
  }
}

/** Where the request stands with the response cache; set by the fast path, read by the interceptor. */
export interface PublicCacheSlot {
  key: string;
}

export const PUBLIC_CACHE_SLOT = 'ratsinfoPublicCache';

const berlinDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });
let dayCheckedAt = 0;
let day = '';

/**
 * Today in Berlin, recomputed at most once a second: responses such as the current members or
 * the default meeting range depend on the day, so it is part of every key.
 */
export function cacheDay(now = Date.now()): string {
  if (now - dayCheckedAt >= 1000 || now < dayCheckedAt) {
    day = berlinDay.format(now);
    dayCheckedAt = now;
  }
  return day;
}

/** A strong validator: the same bytes give the same tag on every replica, whatever the data version. */
export function entityTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Does an If-None-Match header name `etag` (weak comparison, as RFC 9110 prescribes for GET)? */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === opaque);
}

/**
 * Public responses of each tenant's portal, in memory, keyed by tenant, public-data version,
 * day and URL. A change to public data moves the version, so the old entries are never read
 * again and age out of the LRU; the store is bounded by the bytes it holds
 * (PUBLIC_CACHE_MAX_BYTES). Only the PublicCacheInterceptor on @Public routes stores into it.
 */
@Injectable()
export class PublicCache {
  private readonly lru: LRUCache<string, CachedResponse>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const maxSize = config.PUBLIC_CACHE_MAX_BYTES;
    this.lru = new LRUCache<string, CachedResponse>({
      maxSize,
      // The key and the bookkeeping count too, so many tiny responses cannot exceed the bound.
      sizeCalculation: (v, k) => v.body.length + k.length + 200,
      // A single response larger than an eighth of the cache is served, but not stored.
      maxEntrySize: Math.max(1, Math.floor(maxSize / 8)),
    });
  }

  static key(tenantId: string, version: bigint, url: string): string {
    return `${tenantId}\n${version}\n${cacheDay()}\n${url}`;
  }

  get(key: string): CachedResponse | undefined {
    return this.lru.get(key);
  }

  set(key: string, value: CachedResponse): void {
    this.lru.set(key, value);
  }

  /** Bytes held, as counted against PUBLIC_CACHE_MAX_BYTES. */
  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get entries(): number {
    return this.lru.size;
  }

  keys(): string[] {
    return [...this.lru.keys()];
  }
}
