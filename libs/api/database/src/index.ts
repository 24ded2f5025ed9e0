export * from './lib/database.module';
export * from './lib/tenant-database';
export * from './lib/cooperative-database';
export type { Tenant, Organization, Person, Membership, Meeting, AgendaItem } from './generated/prisma/client';
export { TenantKind, TenantStatus, OrganizationType, MeetingState } from './generated/prisma/client';
