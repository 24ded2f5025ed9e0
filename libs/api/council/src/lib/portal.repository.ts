import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@ratsinfo/api-database';

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
