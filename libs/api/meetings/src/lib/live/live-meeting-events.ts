import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { Redis } from 'ioredis';
import { LIVE_CHANNEL, LiveMeetingHub } from './live-meeting-hub';

/**
 * What writers call AFTER their transaction committed, when they changed what the live view of
 * a meeting shows (the current item, a result or its votes, the meeting's state, the agenda,
 * the recording): `changed(tenantId, meetingId)`. It tells this replica's streams at once and
 * every other replica through Redis pub/sub. Never throws: with Redis down the other replicas
 * still learn of the change from the public-data feed (PostgreSQL NOTIFY) and their heartbeat.
 */
@Injectable()
export class LiveMeetingEvents implements OnModuleInit, OnModuleDestroy {
  private readonly pub: Redis;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly hub: LiveMeetingHub,
  ) {
    this.pub = new Redis(config.REDIS_URL, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => 1000 });
  }

  async onModuleInit(): Promise<void> {
    this.pub.on('error', () => undefined);
    await this.pub.connect().catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.pub.disconnect();
  }

  changed(tenantId: string, meetingId: string): void {
    this.hub.poke(tenantId, meetingId, 0);
    this.pub.publish(LIVE_CHANNEL, `${tenantId}:${meetingId}`).catch(() => undefined);
  }
}
