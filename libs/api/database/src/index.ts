export * from './lib/database.module';
export * from './lib/tenant-database';
export * from './lib/cooperative-database';
export * from './lib/tenant-lifecycle';
export * from './lib/outbox';
export * from './lib/search-index';
export type { Tenant, Organization, Person, Membership, Meeting, AgendaItem, UserAccount, SupportAccessGrant, AuditEvent, CooperativeAuditEvent, OutboxEvent, SearchDocument } from './generated/prisma/client';
export { Prisma } from './generated/prisma/client';
export { MemberVisibility, TenantKind, TenantStatus, OrganizationType, MeetingState, TenantRole as DbTenantRole } from './generated/prisma/client';
