import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type Tenant } from '@ratsinfo/api-database';
import { strToU8, zipSync } from 'fflate';

const OPARL = 'https://schema.oparl.org/1.1';

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
    private readonly context: TenantContext,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async export(tenant: Tenant, now = new Date()): Promise<{ filename: string; zip: Uint8Array; counts: Record<string, number> }> {
    const base = `${this.config.PUBLIC_BASE_URL ?? ''}/oparl/v1.1/bodies/${tenant.slug}`;
    const url = (kind: string, id: string) => `${base}/${kind}/${id}`;
    const meta = (r: { createdAt: Date; updatedAt: Date; deletedAt?: Date | null }) => ({
      created: r.createdAt.toISOString(),
      modified: r.updatedAt.toISOString(),
      ...(r.deletedAt ? { deleted: true } : {}),
    });
    const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);
    const data = await this.context.run({ id: tenant.id, slug: tenant.slug }, () =>
      this.db.transaction(
        async (tx) => ({
          organizations: await tx.organization.findMany({ orderBy: { createdAt: 'asc' } }),
          persons: await tx.person.findMany({ orderBy: { createdAt: 'asc' } }),
          memberships: await tx.membership.findMany({ orderBy: { createdAt: 'asc' } }),
          meetings: await tx.meeting.findMany({ orderBy: { start: 'asc' } }),
          agendaItems: await tx.agendaItem.findMany({ orderBy: [{ meetingId: 'asc' }, { order: 'asc' }] }),
          userAccounts: await tx.userAccount.findMany({ orderBy: { createdAt: 'asc' } }),
          supportAccessGrants: await tx.supportAccessGrant.findMany({ orderBy: { createdAt: 'asc' } }),
          auditEvents: await tx.auditEvent.findMany({ orderBy: { occurredAt: 'asc' } }),
        }),
        { isolationLevel: 'RepeatableRead', timeoutMs: 120_000 },
      ),
    );
    const files: Record<string, unknown> = {
      'body.json': {
        id: base,
        type: `${OPARL}/Body`,
        name: tenant.name,
        ags: tenant.ags,
        classification: { county: 'Landkreis', town: 'Stadt', municipality: 'Gemeinde', municipal_association: 'Verbandsgemeinde' }[tenant.kind],
        created: tenant.createdAt.toISOString(),
        modified: tenant.updatedAt.toISOString(),
      },
      'organizations.json': data.organizations.map((o) => ({
        id: url('organizations', o.id),
        type: `${OPARL}/Organization`,
        body: base,
        name: o.name,
        shortName: o.shortName ?? undefined,
        organizationType: { council: 'Gremium', committee: 'Gremium', faction: 'Fraktion', other: 'Sonstiges' }[o.organizationType],
        classification: o.classification ?? undefined,
        startDate: day(o.startDate),
        endDate: day(o.endDate),
        website: o.website ?? undefined,
        ...meta(o),
      })),
      'persons.json': data.persons.map((p) => ({
        id: url('persons', p.id),
        type: `${OPARL}/Person`,
        body: base,
        name: [p.title, p.givenName, p.familyName, p.affix].filter(Boolean).join(' '),
        familyName: p.familyName,
        givenName: p.givenName,
        formOfAddress: p.formOfAddress ?? undefined,
        title: p.title ? [p.title] : undefined,
        affix: p.affix ?? undefined,
        gender: p.gender ?? undefined,
        email: p.email ? [p.email] : undefined,
        ...meta(p),
      })),
      'memberships.json': data.memberships.map((m) => ({
        id: url('memberships', m.id),
        type: `${OPARL}/Membership`,
        person: url('persons', m.personId),
        organization: url('organizations', m.organizationId),
        role: m.role ?? undefined,
        votingRight: m.votingRight,
        startDate: day(m.startDate),
        endDate: day(m.endDate),
        ...meta(m),
      })),
      'meetings.json': data.meetings.map((m) => ({
        id: url('meetings', m.id),
        type: `${OPARL}/Meeting`,
        name: m.name,
        meetingState: m.meetingState,
        cancelled: m.cancelled,
        start: m.start.toISOString(),
        end: m.end?.toISOString(),
        location: m.locationText ? { type: `${OPARL}/Location`, description: m.locationText } : undefined,
        organization: [url('organizations', m.organizationId)],
        agendaItem: data.agendaItems.filter((a) => a.meetingId === m.id).map((a) => url('agenda-items', a.id)),
        ...meta(m),
      })),
      'agenda-items.json': data.agendaItems.map((a) => ({
        id: url('agenda-items', a.id),
        type: `${OPARL}/AgendaItem`,
        meeting: url('meetings', a.meetingId),
        number: a.number ?? undefined,
        order: a.order,
        name: a.name,
        public: a.public,
        result: a.result ?? undefined,
        resolutionText: a.resolutionText ?? undefined,
        ...meta(a),
      })),
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
