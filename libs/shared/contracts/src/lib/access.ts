import { z } from 'zod';
import { pageQuerySchema } from './cursor';
import { emailAddress, text, webUrl } from './input';
import { instant, uuidOut } from './response';
import { agsSchema, hexColorSchema, TENANT_KINDS, TENANT_STATUSES, tenantSlugSchema } from './tenant';
import { mailSettingsSchema } from './mail';
import { noticeSettingsSchema } from './meeting-lifecycle';
import { oparlSettingsSchema } from './oparl-settings';

/** Roles a person can hold in one member authority; stored in the app's database, not in the IdP. */
export const TENANT_ROLES = ['tenant-admin', 'clerk', 'member'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

/** The realm role that marks cooperative staff (operators) in the operator issuer. */
export const OPERATOR_ROLE = 'operator';

/** The signed-in user as the API sees them in one tenant. */
export const tenantSessionSchema = z
  .object({
    tenant: z.object({ slug: z.string(), name: z.string() }),
    user: z.object({ id: uuidOut, displayName: z.string(), email: z.string().nullable(), personId: uuidOut.nullable() }),
    roles: z.array(z.enum(TENANT_ROLES)),
    /** Set while a support access grant is active: the cooperative's operators can see this authority's data. */
    supportAccess: z.object({ grantId: uuidOut, expiresAt: instant }).nullable(),
  })
  .meta({ id: 'TenantSession' });
export type TenantSessionDto = z.infer<typeof tenantSessionSchema>;

export const operatorSessionSchema = z
  .object({ user: z.object({ subject: z.string(), displayName: z.string(), email: z.string().nullable() }) })
  .meta({ id: 'OperatorSession' });
export type OperatorSessionDto = z.infer<typeof operatorSessionSchema>;

export const userAccountSchema = z
  .object({
    id: uuidOut,
    email: z.string().nullable(),
    displayName: z.string(),
    roles: z.array(z.enum(TENANT_ROLES)),
    personId: uuidOut.nullable(),
    linked: z.boolean().meta({ description: 'false until the person signed in once (invited)' }),
    lastSeenAt: instant.nullable(),
  })
  .meta({ id: 'UserAccount' });
export type UserAccountDto = z.infer<typeof userAccountSchema>;

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

export const supportAccessGrantDtoSchema = z
  .object({
    id: uuidOut,
    grantedBy: z.string(),
    reason: z.string(),
    createdAt: instant,
    expiresAt: instant,
    revokedAt: instant.nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'SupportAccessGrant' });
export type SupportAccessGrantDto = z.infer<typeof supportAccessGrantDtoSchema>;

export const PROVISIONING_STEPS = ['register-tenant', 'identity-organization', 'first-admin-user', 'first-admin-role', 'invitation-email'] as const;
export type ProvisioningStepName = (typeof PROVISIONING_STEPS)[number];
export const PROVISIONING_STEP_STATES = ['pending', 'done', 'failed'] as const;
export type ProvisioningStepState = (typeof PROVISIONING_STEP_STATES)[number];

export const provisioningStepSchema = z
  .object({
    step: z.enum(PROVISIONING_STEPS),
    state: z.enum(PROVISIONING_STEP_STATES),
    error: z.string().nullable(),
    finishedAt: instant.nullable(),
  })
  .meta({ id: 'ProvisioningStep' });
export type ProvisioningStepDto = z.infer<typeof provisioningStepSchema>;

/**
 * `GET /api/me/authorities`: one member authority where the signed-in person has (or, invited
 * with their verified e-mail, is about to have) a role. Only active authorities are listed.
 */
export const myAuthoritySchema = z
  .object({ slug: z.string(), name: z.string(), kind: z.enum(TENANT_KINDS), roles: z.array(z.enum(TENANT_ROLES)) })
  .meta({ id: 'MyAuthority' });
export type MyAuthorityDto = z.infer<typeof myAuthoritySchema>;

export const operatorFirstAdminSchema = z
  .object({
    name: z.string(),
    email: z.string(),
    /** True once the account has been bound to a sign-in (the invitation was accepted). */
    signedIn: z.boolean(),
    /** Last time the account was seen signed in, if ever. */
    lastSeenAt: instant.nullable(),
    /** When the invitation e-mail went out (onboarding step), if it did. */
    invitedAt: instant.nullable(),
  })
  .meta({ id: 'OperatorFirstAdmin' });
export type OperatorFirstAdminDto = z.infer<typeof operatorFirstAdminSchema>;

export const operatorTenantSchema = z
  .object({
    id: uuidOut,
    slug: z.string(),
    name: z.string(),
    kind: z.enum(TENANT_KINDS),
    ags: z.string(),
    status: z.enum(TENANT_STATUSES),
    noticePeriodDays: z.number().int(),
    branding: z.object({ logoUrl: z.string().nullable(), primaryColor: z.string().nullable() }),
    identity: z.object({ issuer: z.string().nullable(), organizationAlias: z.string().nullable(), dedicatedRealm: z.boolean() }),
    provisioning: z.array(provisioningStepSchema),
    lastExportAt: instant.nullable(),
    createdAt: instant,
    /**
     * The first administrator named at onboarding and whether their invitation was taken up (their
     * account has signed in). Only in `GET /api/operator/tenants/{id}` and the answer of
     * `POST …/invitation`; null for an authority not onboarded through the console.
     */
    firstAdmin: operatorFirstAdminSchema.nullable().optional(),
  })
  .meta({ id: 'OperatorTenant' });
export type OperatorTenantDto = z.infer<typeof operatorTenantSchema>;

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

/** `GET/PUT /api/office/{tenant}/settings`: the member visibility rule, the mail sender and reminder settings, the notice period. */
export const authoritySettingsSchema = z.object({ memberVisibility: z.enum(MEMBER_VISIBILITIES), ...mailSettingsSchema.shape, ...noticeSettingsSchema.shape, ...oparlSettingsSchema.shape }).strict();
export type AuthoritySettingsDto = z.infer<typeof authoritySettingsSchema>;
/** `PUT …/settings`: what is sent changes, the rest stays. */
export const authoritySettingsInputSchema = authoritySettingsSchema
  .partial()
  .strict()
  .refine((o) => Object.keys(o).length > 0, { message: 'must name at least one setting to change' });
export type AuthoritySettingsInput = z.infer<typeof authoritySettingsInputSchema>;

export const exportRequestSchema = z.object({ reason: text({ min: 10, max: 500 }) }).strict();
export type ExportRequest = z.infer<typeof exportRequestSchema>;

export const auditEventSchema = z
  .object({
    id: uuidOut,
    occurredAt: instant,
    actor: z.object({ subject: z.string().nullable(), name: z.string().nullable() }),
    actingRole: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    tenantSlug: z.string().nullable(),
    changes: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEventDto = z.infer<typeof auditEventSchema>;

/** `GET /api/config`: what the web app needs to sign people in (public). */
export const webConfigSchema = z
  .object({
    auth: z.object({
      /** Base URL of Keycloak (or the dev IdP), e.g. http://localhost:8080 */
      url: z.string(),
      /** The shared realm; a tenant with its own realm names it in TenantSummary.loginRealm. */
      realm: z.string(),
      clientId: z.string(),
    }),
  })
  .meta({ id: 'WebConfig' });
export type WebConfigDto = z.infer<typeof webConfigSchema>;

/** Query of the audit log endpoints: newest first, paged by the opaque keyset cursor. */
export const auditQuerySchema = pageQuerySchema;
export type AuditQuery = z.infer<typeof auditQuerySchema>;
