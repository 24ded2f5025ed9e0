import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { TenantDatabase, TenantLifecycle, type TenantTx } from '@ratsinfo/api-database';
import { TenantRegistry, TenantResolver } from '@ratsinfo/api-tenancy';
import type { AuthoritySettingsDto, AuthoritySettingsInput, MailSettingsDto, NoticeSettingsDto, OParlSettingsDto } from '@ratsinfo/contracts';

const MAIL_KEYS = ['mailFromName', 'mailFromAddress', 'mailReplyTo', 'reminderDaysBefore'] as const;
const NOTICE_KEYS = ['noticePeriodDays', 'invitationDeliveryDays'] as const;

/**
 * An authority's own settings: the member visibility rule (from the tenant resolved for this
 * request), the mail sender and reminder settings, the notice period and the open-data license (read in the tenant transaction); changed
 * through the definer functions (the application role cannot update tenants), audited.
 */
@Injectable()
export class AuthoritySettingsService {
  constructor(
    private readonly resolver: TenantResolver,
    private readonly registry: TenantRegistry,
    private readonly db: TenantDatabase,
    private readonly lifecycle: TenantLifecycle,
    private readonly audit: AuditLog,
  ) {}

  async get(): Promise<AuthoritySettingsDto> {
    const { mail, notice, oparl } = await this.db.transaction(async (tx) => ({ mail: await this.readMail(tx), notice: await this.readNotice(tx), oparl: await this.readOParl(tx) }));
    return { memberVisibility: this.visibility(), ...mail, ...notice, ...oparl };
  }

  async set(wanted: AuthoritySettingsInput): Promise<AuthoritySettingsDto> {
    const tenantId = this.resolver.current().id;
    const beforeVisibility = this.visibility();
    let visibilityChanged = false;
    const { mail, notice, oparl } = await this.db.transaction(async (tx) => {
      if (wanted.memberVisibility !== undefined && wanted.memberVisibility !== beforeVisibility) {
        visibilityChanged = true;
        await this.lifecycle.setMemberVisibility(tx, wanted.memberVisibility === 'all-bodies' ? 'all_bodies' : 'own_bodies');
        await this.audit.tenantEvent(tx, {
          action: 'settings.member-visibility-changed',
          entityType: 'tenant',
          entityId: tenantId,
          changes: { before: beforeVisibility, after: wanted.memberVisibility },
        });
      }
      const before = await this.readMail(tx);
      const after: MailSettingsDto = { ...before };
      for (const k of MAIL_KEYS) if (wanted[k] !== undefined) Object.assign(after, { [k]: wanted[k] });
      // An empty sender name is no name (the platform's default applies).
      after.mailFromName = after.mailFromName || null;
      const changed = MAIL_KEYS.filter((k) => before[k] !== after[k]);
      if (changed.length) {
        await tx.$executeRaw`SELECT app_tenant_set_mail_settings(${after.mailFromName}, ${after.mailFromAddress}, ${after.mailReplyTo}, ${after.reminderDaysBefore}::int)`;
        await this.audit.tenantEvent(tx, {
          action: 'settings.mail-changed',
          entityType: 'tenant',
          entityId: tenantId,
          changes: { before: pickKeys(before, changed), after: pickKeys(after, changed) },
        });
      }
      // The notice period (Ladungsfrist) and the delivery rule of electronic invitations.
      const noticeBefore = await this.readNotice(tx);
      const noticeAfter: NoticeSettingsDto = { ...noticeBefore };
      for (const k of NOTICE_KEYS) if (wanted[k] !== undefined) noticeAfter[k] = wanted[k];
      const noticeChanged = NOTICE_KEYS.filter((k) => noticeBefore[k] !== noticeAfter[k]);
      if (noticeChanged.length) {
        await tx.$executeRaw`SELECT app_tenant_set_notice_settings(${noticeAfter.noticePeriodDays}::int, ${noticeAfter.invitationDeliveryDays}::int)`;
        await this.audit.tenantEvent(tx, {
          action: 'settings.notice-changed',
          entityType: 'tenant',
          entityId: tenantId,
          changes: { before: pickKeys(noticeBefore, noticeChanged), after: pickKeys(noticeAfter, noticeChanged) },
        });
      }
      // The license of the open data (OParl Body.license); moves the public-data version.
      const oparlBefore = await this.readOParl(tx);
      const oparlAfter: OParlSettingsDto = { oparlLicense: wanted.oparlLicense !== undefined ? wanted.oparlLicense : oparlBefore.oparlLicense };
      if (oparlAfter.oparlLicense !== oparlBefore.oparlLicense) {
        await tx.$executeRaw`SELECT app_tenant_set_oparl_license(${oparlAfter.oparlLicense}::text)`;
        await this.audit.tenantEvent(tx, {
          action: 'settings.oparl-license-changed',
          entityType: 'tenant',
          entityId: tenantId,
          changes: { before: oparlBefore, after: oparlAfter },
        });
      }
      return { mail: after, notice: noticeAfter, oparl: oparlAfter };
    });
    // This replica's next request must not read its in-memory copy before the change
    // notification arrives; the others drop theirs on that notification.
    if (visibilityChanged) await this.registry.findFresh(tenantId);
    return { memberVisibility: wanted.memberVisibility ?? beforeVisibility, ...mail, ...notice, ...oparl };
  }

  private visibility(): AuthoritySettingsDto['memberVisibility'] {
    return this.resolver.current().memberVisibility === 'all_bodies' ? 'all-bodies' : 'own-bodies';
  }

  private async readNotice(tx: TenantTx): Promise<NoticeSettingsDto> {
    return tx.tenant.findUniqueOrThrow({ where: { id: this.resolver.current().id }, select: { noticePeriodDays: true, invitationDeliveryDays: true } });
  }

  private async readOParl(tx: TenantTx): Promise<OParlSettingsDto> {
    return tx.tenant.findUniqueOrThrow({ where: { id: this.resolver.current().id }, select: { oparlLicense: true } });
  }

  private async readMail(tx: TenantTx): Promise<MailSettingsDto> {
    const t = await tx.tenant.findUniqueOrThrow({
      where: { id: this.resolver.current().id },
      select: { mailFromName: true, mailFromAddress: true, mailReplyTo: true, reminderDaysBefore: true },
    });
    return { mailFromName: t.mailFromName, mailFromAddress: t.mailFromAddress, mailReplyTo: t.mailReplyTo, reminderDaysBefore: t.reminderDaysBefore };
  }
}

function pickKeys<T extends object>(o: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}
