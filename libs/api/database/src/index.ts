export * from './lib/database.module';
export * from './lib/tenant-database';
export * from './lib/cooperative-database';
export * from './lib/tenant-lifecycle';
export type { Tenant, Organization, Person, Membership, Meeting, AgendaItem, UserAccount, SupportAccessGrant, AuditEvent, CooperativeAuditEvent } from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
export { MemberVisibility, TenantKind, TenantStatus, OrganizationType, MeetingState, TenantRole as DbTenantRole } from './generated/prisma/client';
