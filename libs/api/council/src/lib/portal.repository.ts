import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@ratsinfo/api-database';
import { NonPublicAccess } from './non-public-access';

const organizationRef = { select: { id: true, name: true, shortName: true } } as const;

/**
 * Reads for the public portal. Only public rows leave here: agenda items are filtered by
 * `public = true`, soft-deleted rows are excluded. Tenant scoping is done by TenantDatabase
 * (row-level security), not by these queries.
 */
@Injectable()
export class PortalRepository {
  constructor(private readonly db: TenantDatabase) {}

  organizations() {
    return this.db.transaction((tx) =>
      tx.organization.findMany({ where: { deletedAt: null }, orderBy: [{ organizationType: 'asc' }, { name: 'asc' }] }),
    );
  }

  persons(today: Date) {
    return this.db.transaction((tx) =>
      tx.person.findMany({
        where: { deletedAt: null },
        orderBy: [{ familyName: 'asc' }, { givenName: 'asc' }],
        include: {
          memberships: {
            where: { deletedAt: null, organization: { deletedAt: null }, OR: [{ endDate: null }, { endDate: { gte: today } }] },
            include: { organization: organizationRef },
            orderBy: { organization: { name: 'asc' } },
          },
        },
      }),
    );
  }

  meetingsBetween(from: Date, toExclusive: Date) {
    return this.db.transaction((tx) =>
      tx.meeting.findMany({
        where: { deletedAt: null, start: { gte: from, lt: toExclusive } },
        orderBy: [{ start: 'asc' }, { name: 'asc' }],
        include: { organization: organizationRef },
      }),
    );
  }

  /**
   * For members, clerks and admins of the tenant: the agenda with the non-public items the
   * caller may read by the one visibility rule (NonPublicAccess), and how many were withheld.
   */
  meetingForOffice(id: string, access: NonPublicAccess) {
    return this.db.transaction(async (tx) => {
      const meeting = await tx.meeting.findFirst({
        where: { id, deletedAt: null },
        include: { organization: organizationRef, agendaItems: { where: { deletedAt: null }, orderBy: { order: 'asc' } } },
      });
      if (!meeting) return null;
      if (meeting.agendaItems.every((a) => a.public)) return { meeting, withheld: 0 };
      const readable = NonPublicAccess.allows(await access.scope(tx), meeting.organizationId);
      const agendaItems = readable ? meeting.agendaItems : meeting.agendaItems.filter((a) => a.public);
      return { meeting: { ...meeting, agendaItems }, withheld: meeting.agendaItems.length - agendaItems.length };
    });
  }

  meetingWithPublicAgenda(id: string) {
    return this.db.transaction((tx) =>
      tx.meeting.findFirst({
        where: { id, deletedAt: null },
        include: {
          organization: organizationRef,
          agendaItems: { where: { public: true, deletedAt: null }, orderBy: { order: 'asc' } },
        },
      }),
    );
  }
}
