import { z } from 'zod';
import { dateTime, emailAddress, text, webUrl } from './input';
import { agsSchema, hexColorSchema, TENANT_KINDS, tenantSlugSchema, type TenantKind, type TenantStatus } from './tenant';

/** Roles a person can hold in one member authority; stored in the app's database, not in the IdP. */
export const TENANT_ROLES = ['tenant-admin', 'clerk', 'member'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** The realm role that marks cooperative staff (operators) in the operator issuer. */
export const OPERATOR_ROLE = 'operator';

/** The signed-in user as the API sees them in one tenant. */
export interface TenantSessionDto {
  tenant: { slug: string; name: string };
  user: { id: string; displayName: string; email: string | null; personId: string | null };
  roles: TenantRole[];
  /** Set while a support access grant is active: the cooperative's operators can see this authority's data. */
  supportAccess: { grantId: string; expiresAt: string } | null;
}

export interface OperatorSessionDto {
  user: { subject: string; displayName: string; email: string | null };
}

export interface UserAccountDto {
  id: string;
  email: string | null;
  displayName: string;
  roles: TenantRole[];
  personId: string | null;
  /** false until the person signed in once (invited). */
  linked: boolean;
  lastSeenAt: string | null;
}

/** Body of `POST /api/office/{tenant}/users`: a tenant admin invites a person. */
export const inviteUserSchema = z
  .object({
    firstName: text({ min: 1, max: 100 }),
    lastName: text({ min: 1, max: 100 }),
    email: emailAddress(),
    roles: z.array(z.enum(TENANT_ROLES)).min(1).max(3),
    personId: z.uuid().nullable().default(null),
  })
  .strict();
export type InviteUserInput = z.infer<typeof inviteUserSchema>;

/** Body of `PUT /api/office/{tenant}/users/{id}/person`: the council member this account is. */
export const linkPersonSchema = z.object({ personId: z.uuid().nullable() }).strict();
export type LinkPersonInput = z.infer<typeof linkPersonSchema>;

export const userRolesUpdateSchema = z.object({ roles: z.array(z.enum(TENANT_ROLES)).max(3) }).strict();
export type UserRolesUpdate = z.infer<typeof userRolesUpdateSchema>;

export const supportAccessGrantSchema = z
  .object({
    hours: z.number().int().min(1).max(72),
    reason: text({ min: 3, max: 500, multiline: true }),
  })
  .strict();
export type SupportAccessGrantInput = z.infer<typeof supportAccessGrantSchema>;

export interface SupportAccessGrantDto {
  id: string;
  grantedBy: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
}

export const PROVISIONING_STEPS = ['register-tenant', 'identity-organization', 'first-admin-user', 'first-admin-role', 'invitation-email'] as const;
export type ProvisioningStepName = (typeof PROVISIONING_STEPS)[number];
export type ProvisioningStepState = 'pending' | 'done' | 'failed';

export interface ProvisioningStepDto {
  step: ProvisioningStepName;
  state: ProvisioningStepState;
  error: string | null;
  finishedAt: string | null;
}

/**
 * `GET /api/me/authorities`: one member authority where the signed-in person has (or, invited
 * with their verified e-mail, is about to have) a role. Only active authorities are listed.
 */
export interface MyAuthorityDto {
  slug: string;
  name: string;
  kind: TenantKind;
  roles: TenantRole[];
}

export interface OperatorTenantDto {
  id: string;
  slug: string;
  name: string;
  kind: TenantKind;
  ags: string;
  status: TenantStatus;
  noticePeriodDays: number;
  branding: { logoUrl: string | null; primaryColor: string | null };
  identity: { issuer: string | null; organizationAlias: string | null; dedicatedRealm: boolean };
  provisioning: ProvisioningStepDto[];
  lastExportAt: string | null;
  createdAt: string;
  /**
   * The first administrator named at onboarding and whether their invitation was taken up (their
   * account has signed in). Only in `GET /api/operator/tenants/{id}` and the answer of
   * `POST …/invitation`; null for an authority not onboarded through the console.
   */
  firstAdmin?: OperatorFirstAdminDto | null;
}

export interface OperatorFirstAdminDto {
  name: string;
  email: string;
  /** True once the account has been bound to a sign-in (the invitation was accepted). */
  signedIn: boolean;
  /** Last time the account was seen signed in, if ever. */
  lastSeenAt: string | null;
  /** When the invitation e-mail went out (onboarding step), if it did. */
  invitedAt: string | null;
}

/** Body of `POST /api/operator/tenants`: onboarding a member authority. */
export const onboardTenantSchema = z
  .object({
    name: text({ min: 3, max: 200 }),
    kind: z.enum(TENANT_KINDS),
    ags: agsSchema,
    slug: tenantSlugSchema,
    noticePeriodDays: z.number().int().min(0).max(60).default(7),
    branding: z
      .object({
        logoUrl: webUrl({ max: 500 }).nullable().default(null),
        primaryColor: hexColorSchema.nullable().default(null),
      })
      .strict()
      .default({ logoUrl: null, primaryColor: null }),
    dedicatedRealm: z.boolean().default(false),
    firstAdmin: z
      .object({
        firstName: text({ min: 1, max: 100 }),
        lastName: text({ min: 1, max: 100 }),
        email: emailAddress(),
      })
      .strict(),
  })
  .strict();
export type OnboardTenantInput = z.infer<typeof onboardTenantSchema>;

/** Body of `DELETE /api/operator/tenants/{id}`: the operator types the slug to confirm. */
export const deleteTenantSchema = z.object({ confirmSlug: text({ max: 100 }) }).strict();

/**
 * Body of a content export (`POST /api/operator/tenants/{id}/export`, `POST /api/office/{tenant}/export`):
 * why the authority's content leaves the system. Written to the authority's own audit log,
 * and, for operators, to the cooperative's log too.
 */
/** Which non-public agenda items and documents council members may read (a tenant admin's setting). */
export const MEMBER_VISIBILITIES = ['own-bodies', 'all-bodies'] as const;
export type MemberVisibilitySetting = (typeof MEMBER_VISIBILITIES)[number];

/** `GET/PUT /api/office/{tenant}/settings`. */
export const authoritySettingsSchema = z.object({ memberVisibility: z.enum(MEMBER_VISIBILITIES) }).strict();
export type AuthoritySettingsDto = z.infer<typeof authoritySettingsSchema>;

export const exportRequestSchema = z.object({ reason: text({ min: 10, max: 500 }) }).strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export interface AuditEventDto {
  id: string;
  occurredAt: string;
  actor: { subject: string | null; name: string | null };
  actingRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  tenantSlug: string | null;
  changes: Record<string, unknown> | null;
}

/** `GET /api/config`: what the web app needs to sign people in (public). */
export interface WebConfigDto {
  auth: {
    /** Base URL of Keycloak (or the dev IdP), e.g. http://localhost:8080 */
    url: string;
    /** The shared realm; a tenant with its own realm names it in TenantSummary.loginRealm. */
    realm: string;
    clientId: string;
  };
}

/** Query of the audit log endpoints: newest first, `before` = occurredAt of the last row seen. */
export const auditQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: dateTime().optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;
