import { AREA_PATHS } from '@ratsinfo/web-auth';
import type { InvalidParam } from '@ratsinfo/contracts';
import type { ApiError } from '@ratsinfo/web-data-access';

/** The fields of the onboarding form, keyed by the dotted path of `OnboardTenantInput`. */
export const ONBOARD_FIELDS = {
  /**
   * t(operator.onboard.fields.name.error, operator.onboard.fields.kind.error, operator.onboard.fields.ags.error,
   *   operator.onboard.fields.slug.error, operator.onboard.fields.noticePeriodDays.error,
   *   operator.onboard.fields.primaryColor.error, operator.onboard.fields.logoUrl.error,
   *   operator.onboard.fields.dedicatedRealm.error, operator.onboard.fields.firstName.error,
   *   operator.onboard.fields.lastName.error, operator.onboard.fields.email.error)
   */
  name: { id: 'onboard-name', errorKey: 'operator.onboard.fields.name.error' },
  kind: { id: 'onboard-kind', errorKey: 'operator.onboard.fields.kind.error' },
  ags: { id: 'onboard-ags', errorKey: 'operator.onboard.fields.ags.error' },
  slug: { id: 'onboard-slug', errorKey: 'operator.onboard.fields.slug.error' },
  noticePeriodDays: { id: 'onboard-notice', errorKey: 'operator.onboard.fields.noticePeriodDays.error' },
  'branding.primaryColor': { id: 'onboard-color', errorKey: 'operator.onboard.fields.primaryColor.error' },
  'branding.logoUrl': { id: 'onboard-logo', errorKey: 'operator.onboard.fields.logoUrl.error' },
  dedicatedRealm: { id: 'onboard-realm', errorKey: 'operator.onboard.fields.dedicatedRealm.error' },
  'firstAdmin.firstName': { id: 'onboard-admin-first', errorKey: 'operator.onboard.fields.firstName.error' },
  'firstAdmin.lastName': { id: 'onboard-admin-last', errorKey: 'operator.onboard.fields.lastName.error' },
  'firstAdmin.email': { id: 'onboard-admin-email', errorKey: 'operator.onboard.fields.email.error' },
} as const;

export type OnboardField = keyof typeof ONBOARD_FIELDS;

/** Fields in the order of the form (and of the error summary). */
export const ONBOARD_FIELD_ORDER = Object.keys(ONBOARD_FIELDS) as OnboardField[];

export function isOnboardField(path: string): path is OnboardField {
  return Object.prototype.hasOwnProperty.call(ONBOARD_FIELDS, path);
}

/**
 * The field an error path belongs to: exact, or the first field below it (`branding` →
 * `branding.primaryColor`, `firstAdmin` → `firstAdmin.firstName`); null for unknown paths.
 */
export function fieldOfPath(path: string): OnboardField | null {
  if (isOnboardField(path)) return path;
  return ONBOARD_FIELD_ORDER.find((field) => field.startsWith(`${path}.`)) ?? null;
}

/**
 * First path segments the web app uses itself: such a slug would make the authority's portal
 * unreachable. (`betrieb` is not yet among the contracts' RESERVED_TENANT_SLUGS.)
 */
export const APP_RESERVED_SLUGS: readonly string[] = [AREA_PATHS.operator];

/** Slug error from the server (taken or rejected) instead of the format message. t(operator.onboard.fields.slug.serverError) */
export const SLUG_SERVER_ERROR_KEY = 'operator.onboard.fields.slug.serverError';

/** AGS error from the server: the municipality is already a member (the AGS is unique). t(operator.onboard.fields.ags.serverError) */
export const AGS_SERVER_ERROR_KEY = 'operator.onboard.fields.ags.serverError';

/** The message key of a field the server rejected: "taken" for slug and AGS, the format message otherwise. */
export function serverErrorKey(field: OnboardField): string {
  if (field === 'slug') return SLUG_SERVER_ERROR_KEY;
  if (field === 'ags') return AGS_SERVER_ERROR_KEY;
  return ONBOARD_FIELDS[field].errorKey;
}

/**
 * The inputs a rejected onboarding names: the problem's `errors[]` (400, or a 409 that names its
 * fields), or, for a 409 that names the AGS only in its text (a unique violation), the AGS.
 */
export function rejectedFields(error: ApiError): InvalidParam[] {
  if (error.kind !== 'validation' && error.kind !== 'conflict') return [];
  if (error.fieldErrors.length > 0) return [...error.fieldErrors];
  const text = `${error.problem?.detail ?? ''} ${error.problem?.title ?? ''}`;
  if (error.kind === 'conflict' && /\bags\b/i.test(text)) return [{ name: 'ags', reason: error.problem?.detail ?? 'already taken' }];
  return [];
}
