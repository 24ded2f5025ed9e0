import { z } from 'zod';

export const TENANT_KINDS = ['county', 'town', 'municipality', 'municipal_association'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** provisioning: onboarding has not finished; the authority is not visible anywhere yet. */
export const TENANT_STATUSES = ['provisioning', 'active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/**
 * Slugs that would collide with fixed first path segments of the web app or API.
 */
export const RESERVED_TENANT_SLUGS: readonly string[] = [
  'api', 'oparl', 'health', 'metrics', 'operator', 'office', 'admin', 'login', 'logout', 'auth',
  'assets', 'static', 'tenants', 'portal', 'de', 'en', 'realms', 'favicon.ico', 'robots.txt', 'betrieb', 'i18n',
];

/** URL-safe slug: lower-case letters, digits and single hyphens, 2–63 characters. */
export const tenantSlugSchema = z
  .string()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'only lower-case letters, digits and single hyphens')
  .refine((s) => !RESERVED_TENANT_SLUGS.includes(s), 'this slug is reserved');

/** Amtlicher Gemeindeschlüssel: 8 digits, the first two a federal state code 01–16. */
export const agsSchema = z
  .string()
  .regex(/^\d{8}$/, 'must be exactly 8 digits')
  .refine((s) => {
    const land = Number(s.slice(0, 2));
    return land >= 1 && land <= 16;
  }, 'the first two digits must be a federal state code (01–16)');

export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a5e9b');

export const tenantBrandingSchema = z.object({ logoUrl: z.string().nullable(), primaryColor: z.string().nullable() }).meta({ id: 'TenantBranding' });
export type TenantBranding = z.infer<typeof tenantBrandingSchema>;

/** A member authority as the public portal shows it. */
export const tenantSummarySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    kind: z.enum(TENANT_KINDS),
    ags: z.string(),
    branding: tenantBrandingSchema,
    loginRealm: z.string().meta({ description: "The Keycloak realm its people sign in with: the shared realm, or the tenant's own." }),
  })
  .meta({ id: 'TenantSummary' });
export type TenantSummary = z.infer<typeof tenantSummarySchema>;
