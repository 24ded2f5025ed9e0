import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type Tenant } from '@ratsinfo/api-database';
import { oparlUrls, toOParlAgendaItem, toOParlBody, toOParlMeeting, toOParlMembership, toOParlOrganization, toOParlPerson } from '@ratsinfo/api-oparl';
import { strToU8, zipSync } from 'fflate';
import { TenantExportRepository } from './tenant-export.repository';

/**
 * The export of one tenant before it leaves the cooperative: a ZIP with an OParl 1.1-shaped
 * JSON dump of all its data (one file per object type, every object with its OParl `type`,
 * stable `id` URL, `created`, `modified`, `deleted`), plus the app's own tables (accounts,
 * support grants, audit log) and a manifest with counts. Files will join when the domain has them.
 */
@Injectable()
export class TenantExporter {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repo: TenantExportRepository,
    private readonly context: TenantContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(tenant: Tenant, now = new Date()): Promise<{ filename: string; zip: Uint8Array; counts: Record<string, number> }> {
    const urls = oparlUrls(this.config.PUBLIC_BASE_URL ?? '', tenant.slug);
    const data = await this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
      this.db.transaction((tx) => this.repo.everything(tx), { isolationLevel: 'RepeatableRead', timeoutMs: 120_000 }),
    );
    const itemsOf = groupBy(data.agendaItems, (a) => a.meetingId);
    const membershipsOf = groupBy(data.memberships, (m) => m.personId);
    const membershipsIn = groupBy(data.memberships, (m) => m.organizationId);
    const files: Record<string, unknown> = {
      'body.json': toOParlBody(tenant, urls),
      'organizations.json': data.organizations.map((o) => toOParlOrganization(o, urls, (membershipsIn.get(o.id) ?? []).map((m) => m.id))),
      'persons.json': data.persons.map((p) => toOParlPerson(p, urls, membershipsOf.get(p.id))),
      'memberships.json': data.memberships.map((m) => toOParlMembership(m, urls)),
      'meetings.json': data.meetings.map((m) => toOParlMeeting(m, urls, itemsOf.get(m.id))),
      'agenda-items.json': data.agendaItems.map((a) => toOParlAgendaItem(a, urls)),
      'ratsinfo/user-accounts.json': data.userAccounts,
      'ratsinfo/support-access-grants.json': data.supportAccessGrants,
      'ratsinfo/audit-events.json': data.auditEvents,
    };
    const counts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v.length]));
    files['manifest.json'] = { format: 'ratsinfo-tenant-export', version: 1, oparl: '1.1', tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, exportedAt: now.toISOString(), counts };
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, v]) => [name, strToU8(JSON.stringify(v, null, 2))])), { level: 6, mtime: now });
    return { filename: `ratsinfo-export-${tenant.slug}-${now.toISOString().slice(0, 10)}.zip`, zip, counts };
  }
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}
