import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** PostgreSQL channel: `<tenant id>:<version>` on commit of any change to public data (triggers). */
export const PUBLIC_DATA_CHANNEL = 'ratsinfo_public_data';
/** PostgreSQL channel: `<tenant id>` on commit of any change to a tenant row. */
export const TENANT_CHANNEL = 'ratsinfo_tenants';
/** Redis channel on which replicas pass on what they heard, as `<tenant id>:<version>` or `<tenant id>:tenant`. */
export const REDIS_CHANNEL = 'ratsinfo:public-data';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type TenantChangeListener = (tenantId: string | null) => void;
/** Called once per newly heard public-data version of a tenant (from either feed). */
export type VersionChangeListener = (tenantId: string) => void;

/**
 * What this replica knows about the public data of each tenant, kept exact without a database
 * round trip per request (docs/adr/0008-fast-public-reads.md):
 * - every replica LISTENs on PostgreSQL, where triggers notify on commit of any change (raw SQL
 *   included), and passes each notification on through Redis pub/sub, so a replica whose own
 *   LISTEN session is reconnecting still hears about changes made meanwhile;
 * - the versions known here are trusted only while at least one of the two feeds is connected;
 *   whenever a feed comes (back) up, everything known is forgotten, because a change may have
 *   been missed in the gap. With both feeds down the caller reads the version from the database
 *   on every request: slower, never stale.
 * `epoch()` moves on every such reset, so a version read from the database before a reset is
 * not stored after it.
 */
@Injectable()
export class PublicDataEvents implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PublicDataEvents.name);
  private readonly versions = new Map<string, bigint>();
  private readonly tenantListeners = new Set<TenantChangeListener>();
  private readonly versionListeners = new Set<VersionChangeListener>();
  private pg: Client | null = null;
  private pgListening = false;
  private readonly sub: Redis;
  private readonly pub: Redis;
  private redisSubscribed = false;
  private generation = 0;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const opts = { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => 1000 };
    this.sub = new Redis(config.REDIS_URL, { ...opts, enableOfflineQueue: true });
    this.pub = new Redis(config.REDIS_URL, opts);
  }

  async onModuleInit(): Promise<void> {
    for (const r of [this.sub, this.pub]) r.on('error', () => undefined);
    this.sub.on('message', (_channel: string, message: string) => this.onRedisMessage(message));
    // ioredis resubscribes by itself after a reconnect; `ready` follows each (re)connect.
    this.sub.on('ready', () => {
      void this.sub.subscribe(REDIS_CHANNEL).then(
        () => this.feedUp('redis'),
        (e: Error) => this.logger.warn(`Redis subscribe failed: ${e.message}`),
      );
    });
    this.sub.on('close', () => this.feedDown('redis'));
    await Promise.all([this.sub.connect().catch(() => undefined), this.pub.connect().catch(() => undefined), this.listenToPostgres()]);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.sub.disconnect();
    this.pub.disconnect();
    await this.pg?.end().catch(() => undefined);
  }

  /** Whether versions and tenant records held in memory may be used as they are. */
  trusted(): boolean {
    return this.pgListening || this.redisSubscribed;
  }

  epoch(): number {
    return this.generation;
  }

  /** The tenant's current public-data version, when this replica knows it for sure. */
  knownVersion(tenantId: string): bigint | undefined {
    return this.trusted() ? this.versions.get(tenantId) : undefined;
  }

  /** Stores a version read from the database (at `epoch`), unless a newer one is known or a reset happened since. */
  learn(tenantId: string, version: bigint, epoch: number): void {
    if (epoch !== this.generation || !this.trusted()) return;
    const known = this.versions.get(tenantId);
    if (known === undefined || known < version) this.versions.set(tenantId, version);
  }

  /** `listener(null)` means: forget everything. */
  onTenantChange(listener: TenantChangeListener): void {
    this.tenantListeners.add(listener);
  }

  /** Hears every new public-data version of any tenant (the live meeting view reacts to them). */
  onVersionChange(listener: VersionChangeListener): void {
    this.versionListeners.add(listener);
  }

  private async listenToPostgres(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'ratsinfo-api-listen', keepAlive: true });
    client.on('error', (e: Error) => {
      this.logger.warn(`PostgreSQL LISTEN session lost: ${e.message}`);
      void client.end().catch(() => undefined);
    });
    client.on('end', () => {
      if (this.pg !== client) return;
      this.pg = null;
      this.feedDown('postgres');
      this.scheduleReconnect();
    });
    client.on('notification', (n) => {
      if (n.channel === PUBLIC_DATA_CHANNEL && n.payload) this.onVersion(n.payload, true);
      else if (n.channel === TENANT_CHANNEL && n.payload) this.onTenant(n.payload, true);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${PUBLIC_DATA_CHANNEL}; LISTEN ${TENANT_CHANNEL}`);
      this.pg = client;
      this.feedUp('postgres');
    } catch (e) {
      this.logger.warn(`PostgreSQL LISTEN failed: ${(e as Error).message}`);
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.listenToPostgres(), 1000);
    this.reconnectTimer.unref();
  }

  private feedUp(feed: 'postgres' | 'redis'): void {
    if (feed === 'postgres') this.pgListening = true;
    else this.redisSubscribed = true;
    this.reset();
  }

  private feedDown(feed: 'postgres' | 'redis'): void {
    if (feed === 'postgres') this.pgListening = false;
    else this.redisSubscribed = false;
    if (!this.trusted()) this.reset();
  }

  /** Forgets everything: a change may have gone unheard. */
  private reset(): void {
    this.generation++;
    this.versions.clear();
    for (const l of this.tenantListeners) l(null);
  }

  private onRedisMessage(message: string): void {
    const [tenantId, what] = message.split(':');
    if (!tenantId || !what) return;
    if (what === 'tenant') this.onTenant(tenantId, false);
    else this.onVersion(message, false);
  }

  private onVersion(payload: string, relay: boolean): void {
    const [tenantId, v] = payload.split(':');
    if (!tenantId || !UUID.test(tenantId) || !v || !/^\d+$/.test(v)) return;
    const version = BigInt(v);
    const known = this.versions.get(tenantId);
    if (known === undefined || known < version) {
      this.versions.set(tenantId, version);
      for (const l of this.versionListeners) l(tenantId);
    }
    if (relay) this.relay(`${tenantId}:${v}`);
  }

  private onTenant(tenantId: string, relay: boolean): void {
    if (!UUID.test(tenantId)) return;
    for (const l of this.tenantListeners) l(tenantId);
    if (relay) this.relay(`${tenantId}:tenant`);
  }

  private relay(message: string): void {
    this.pub.publish(REDIS_CHANNEL, message).catch(() => undefined);
  }
}
