import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, NotFoundError, ServiceUnavailableError, ShutdownSignal, TenantContext, type TenantRef } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { PublicDataEvents } from '@ratsinfo/api-tenancy';
import { LIVE_SNAPSHOT_EVENT, type LiveMeetingSnapshot } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import { readLiveRows, toPublicSnapshot } from './live-snapshot';

/** Redis channel of live changes: `<tenant id>:<meeting id>`, published after the commit. */
export const LIVE_CHANNEL = 'ratsinfo:live';
/** What a browser waits before it reconnects a dropped stream. */
export const LIVE_RETRY_MS = 3000;
/** A burst of writes (an agenda save, a result with its votes) becomes one re-read. */
const DEBOUNCE_MS = 100;
/** Unsent bytes of one stream beyond which it is closed. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Client {
  res: Response;
  /** The version this client was last sent (or told it had, by Last-Event-ID). */
  version: string | null;
}

interface Channel {
  tenant: TenantRef;
  meetingId: string;
  clients: Set<Client>;
  timer: NodeJS.Timeout | undefined;
  reading: boolean;
  again: boolean;
}

/**
 * The server-sent event streams of the live meeting view on this replica
 * (docs/adr/0017-live-meeting-events.md). Streams are grouped by meeting; a meeting is re-read
 * (one read for all its local streams) when
 * - a writer said so: LiveMeetingEvents publishes `<tenant>:<meeting>` on Redis after its commit
 *   (every replica's one subscriber connection hears it) and pokes this replica directly;
 * - the tenant's public-data version moved (PostgreSQL NOTIFY, relayed through Redis): covers
 *   writers that do not publish, and Redis being down;
 * - a feed came back (a change may have been missed), and on every heartbeat as a last resort.
 * Each stream is sent a snapshot only when its content (its version, a hash) differs from what
 * that stream last got, so a re-read without a real change sends nothing.
 */
@Injectable()
export class LiveMeetingHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveMeetingHub.name);
  private readonly channels = new Map<string, Channel>();
  private readonly sub: Redis;
  private connections = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;
  readonly maxConnections: number;
  private readonly heartbeatMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: TenantDatabase,
    private readonly tenantContext: TenantContext,
    private readonly publicData: PublicDataEvents,
    private readonly shutdown: ShutdownSignal,
  ) {
    this.maxConnections = config.LIVE_MAX_CONNECTIONS;
    this.heartbeatMs = config.LIVE_HEARTBEAT_SECONDS * 1000;
    this.sub = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => 1000 });
  }

  async onModuleInit(): Promise<void> {
    // A stopping replica ends its streams first: the browsers reconnect to another one.
    this.shutdown.onDrain(() => this.endStreams());
    this.sub.on('error', () => undefined);
    this.sub.on('message', (_channel: string, message: string) => {
      const [tenantId, meetingId] = message.split(':');
      if (tenantId && meetingId && UUID.test(tenantId) && UUID.test(meetingId)) this.poke(tenantId, meetingId);
    });
    // ioredis resubscribes after a reconnect; whatever was published meanwhile is re-read.
    this.sub.on('ready', () => {
      void this.sub.subscribe(LIVE_CHANNEL).then(
        () => this.pokeAll(),
        (e: Error) => this.logger.warn(`Redis subscribe failed: ${e.message}`),
      );
    });
    this.publicData.onVersionChange((tenantId) => this.pokeTenant(tenantId));
    this.publicData.onTenantChange((tenantId) => (tenantId ? this.pokeTenant(tenantId) : this.pokeAll()));
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    await this.sub.connect().catch(() => undefined);
  }

  /** Ends every stream (so that the server can close) and the subscriber connection. */
  onModuleDestroy(): void {
    this.endStreams();
    this.sub.disconnect();
  }

  /** Ends every stream and opens no new one (503). */
  private endStreams(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    for (const ch of this.channels.values()) {
      clearTimeout(ch.timer);
      for (const c of ch.clients) c.res.end();
    }
    this.channels.clear();
  }

  /** Open streams on this replica. */
  count(): number {
    return this.connections;
  }

  /** Re-read one meeting on this replica soon (when anyone here watches it). */
  poke(tenantId: string, meetingId: string, delayMs = DEBOUNCE_MS): void {
    const ch = this.channels.get(`${tenantId}:${meetingId}`);
    if (ch) this.schedule(ch, delayMs);
  }

  /** Current snapshot of a meeting, read in the request's tenant; null when there is no such meeting. */
  async snapshot(meetingId: string): Promise<LiveMeetingSnapshot | null> {
    const rows = await this.db.transaction((tx) => readLiveRows(tx, meetingId));
    return rows ? toPublicSnapshot(rows) : null;
  }

  /**
   * Opens a stream for a meeting of the request's tenant: 503 beyond the connection bound, 404
   * for no such meeting (both as problem+json, before any byte of the stream); then the headers,
   * the retry hint and the current snapshot (unless Last-Event-ID names exactly it).
   */
  async open(meetingId: string, req: Request, res: Response): Promise<void> {
    if (this.stopped || this.connections >= this.maxConnections) {
      throw new ServiceUnavailableError('Too many live connections on this server. Please try again shortly.');
    }
    const tenant = this.tenantContext.require();
    // Counted before the first await, so that a burst of opens cannot pass the bound together.
    this.connections++;
    let registered = false;
    try {
      const snapshot = await this.snapshot(meetingId);
      if (!snapshot) throw new NotFoundError('The meeting');
      if (req.destroyed || res.writableEnded) return;
      res.status(200);
      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      // no-transform: no proxy may compress or buffer; X-Accel-Buffering: nginx passes each event on at once.
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      res.setHeader('Connection', 'keep-alive');
      res.setHeader('X-Accel-Buffering', 'no');
      res.flushHeaders();
      req.socket.setNoDelay(true);
      req.socket.setKeepAlive(true);
      res.write(`retry: ${LIVE_RETRY_MS}\n\n`);
      const lastEventId = header(req, 'last-event-id');
      const client: Client = { res, version: lastEventId };
      const key = `${tenant.id}:${meetingId}`;
      let ch = this.channels.get(key);
      if (!ch) {
        ch = { tenant: { id: tenant.id, slug: tenant.slug }, meetingId, clients: new Set(), timer: undefined, reading: false, again: false };
        this.channels.set(key, ch);
      }
      const channel = ch;
      channel.clients.add(client);
      registered = true;
      this.send(client, snapshot);
      // A change committed while the snapshot was read was heard before this stream was listed: read again.
      this.schedule(channel, DEBOUNCE_MS);
      const close = () => {
        if (!channel.clients.delete(client)) return;
        this.connections--;
        if (channel.clients.size === 0 && this.channels.get(key) === channel) {
          clearTimeout(channel.timer);
          this.channels.delete(key);
        }
      };
      res.on('close', close);
      if (res.destroyed) close();
    } finally {
      if (!registered) this.connections--;
    }
  }

  private send(client: Client, snapshot: LiveMeetingSnapshot): void {
    if (client.version === snapshot.version || client.res.writableEnded) return;
    // A client that reads nothing is let go rather than buffered for (it reconnects when it reads again).
    if (client.res.writableLength > MAX_BUFFERED_BYTES) {
      client.res.end();
      return;
    }
    client.version = snapshot.version;
    client.res.write(`id: ${snapshot.version}\nevent: ${LIVE_SNAPSHOT_EVENT}\ndata: ${JSON.stringify(snapshot)}\n\n`);
  }

  private pokeTenant(tenantId: string): void {
    for (const ch of this.channels.values()) if (ch.tenant.id === tenantId) this.schedule(ch, DEBOUNCE_MS);
  }

  private pokeAll(): void {
    for (const ch of this.channels.values()) this.schedule(ch, DEBOUNCE_MS);
  }

  private beat(): void {
    for (const ch of this.channels.values()) {
      for (const c of ch.clients) if (!c.res.writableEnded) c.res.write(': heartbeat\n\n');
      this.schedule(ch, 0);
    }
  }

  private schedule(ch: Channel, delayMs: number): void {
    if (this.stopped) return;
    if (ch.reading) {
      ch.again = true;
      return;
    }
    if (ch.timer) return;
    ch.timer = setTimeout(() => {
      ch.timer = undefined;
      void this.refresh(ch);
    }, delayMs);
    ch.timer.unref();
  }

  private async refresh(ch: Channel): Promise<void> {
    ch.reading = true;
    ch.again = false;
    try {
      const rows = await this.tenantContext.run(ch.tenant, () => this.db.transaction((tx) => readLiveRows(tx, ch.meetingId)));
      if (!rows) {
        // The meeting is gone: end its streams (a reconnect gets the 404).
        for (const c of ch.clients) c.res.end();
        return;
      }
      const snapshot = toPublicSnapshot(rows);
      for (const c of ch.clients) this.send(c, snapshot);
    } catch (e) {
      // The database is away: the heartbeat tries again; the streams stay open.
      this.logger.warn(`Live meeting re-read failed: ${(e as Error).message}`);
    } finally {
      ch.reading = false;
      if (ch.again && ch.clients.size > 0) this.schedule(ch, DEBOUNCE_MS);
    }
  }
}

function header(req: Request, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s && s.length <= 100 ? s : null;
}
