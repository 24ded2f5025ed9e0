import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { CooperativeDatabase, TenantDatabase } from '@ratsinfo/api-database';
import { OutboxHandlerRegistry } from '@ratsinfo/api-jobs';
import { MailOutbox } from '../mail-outbox';
import type { ReminderData } from './mail-data';
import { meetingMails } from './meeting-invitation.handler';
import { MeetingMailData } from './meeting-mail-data';

export const MEETING_REMINDERS_TASK = 'meeting-reminders';
const EVERY_MS = 10 * 60_000;
/** The first run after the worker started (so that a restart does not wait ten minutes). */
const FIRST_RUN_MS = 3_000;

/**
 * Maintenance task `meeting-reminders` (every 10 minutes, and once shortly after the worker
 * starts): in every active authority whose `reminder_days_before` is not 0, each meeting that
 * was invited, is not cancelled, deleted or reminded yet, and starts within that many days gets
 * `reminded_at` and one `meeting-reminder` mail per entitled address (dedupe
 * `meeting-reminder:<meetingId>:<lower(email)>`), in one transaction per authority. The
 * `UPDATE … WHERE reminded_at IS NULL RETURNING` decides which of several workers does it.
 */
@Injectable()
export class MeetingReminderTask implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MeetingReminderTask.name);
  private firstRun: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly cooperative: CooperativeDatabase,
    private readonly tenant: TenantContext,
    private readonly db: TenantDatabase,
    private readonly data: MeetingMailData,
    private readonly mails: MailOutbox,
  ) {}

  onModuleInit(): void {
    this.registry.registerTask(MEETING_REMINDERS_TASK, { everyMs: EVERY_MS, run: () => this.run() });
  }

  onApplicationBootstrap(): void {
    this.firstRun = setTimeout(() => {
      this.firstRun = null;
      this.run().catch((e: Error) => this.logger.warn(`meeting reminders after start failed: ${e.message}`));
    }, FIRST_RUN_MS);
    this.firstRun.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.firstRun) clearTimeout(this.firstRun);
    await this.running?.catch(() => undefined);
  }

  /** One pass over all active authorities; one failing authority does not stop the others. */
  async run(): Promise<void> {
    const pass = this.pass();
    this.running = pass;
    try {
      await pass;
    } finally {
      if (this.running === pass) this.running = null;
    }
  }

  private async pass(): Promise<void> {
    const tenants = await this.cooperative.tenants.findMany({
      where: { status: 'active', reminderDaysBefore: { gt: 0 } },
      select: { id: true, slug: true, reminderDaysBefore: true },
      orderBy: { id: 'asc' },
    });
    for (const t of tenants) {
      try {
        const n = await this.tenant.run({ id: t.id, slug: t.slug }, () => this.remindTenant(t.slug, t.reminderDaysBefore));
        if (n > 0) this.logger.log({ tenantId: t.id, meetings: n }, 'meeting reminders recorded');
      } catch (e) {
        this.logger.warn({ tenantId: t.id }, `meeting reminders failed: ${(e as Error).message}`);
      }
    }
  }

  /** Returns how many meetings this run reminded. */
  async remindTenant(slug: string, days: number): Promise<number> {
    return this.db.transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ id: string }[]>`
          UPDATE meetings SET reminded_at = now()
           WHERE deleted_at IS NULL AND NOT cancelled AND invited_at IS NOT NULL AND reminded_at IS NULL
             AND start > now() AND start <= now() + make_interval(days => ${days}::int)
          RETURNING id`;
        for (const { id } of due) {
          const meeting = await this.data.meeting(tx, id);
          if (!meeting) continue;
          const recipients = await this.data.recipients(tx, meeting);
          if (recipients.withoutAddress.length > 0) {
            this.logger.warn({ meetingId: id, persons: recipients.withoutAddress }, `${recipients.withoutAddress.length} entitled person(s) without an e-mail address: no reminder`);
          }
          const agenda = await this.data.agenda(tx, id);
          const snapshot = this.data.snapshot(meeting);
          const mails = meetingMails<ReminderData>(recipients, `meeting-reminder:${id}`, { template: 'meeting-reminder', meetingId: id }, (audience) => ({
            audience,
            meeting: snapshot,
            agenda: audience === 'member' ? agenda : { public: agenda.public, nonPublic: null },
            link: audience === 'member' ? this.data.memberLink(slug, id) : this.data.portalLink(slug, id),
          }));
          await this.mails.add(tx, mails, null);
        }
        return due.length;
      },
      { timeoutMs: 60_000 },
    );
  }
}
