import { MeetingState, TenantKind } from '@ratsinfo/contracts';
import { ApiErrorKind } from '@ratsinfo/web-data-access';

/*
 * Translation keys chosen at run time. The marker comments let transloco-keys-manager
 * (`nx run web:i18n-check`) see them; `labels.spec.ts` checks that every key exists.
 */

/** Kind of authority in words ("Landkreis", "Stadt", …). */
export const TENANT_KIND_KEYS: Readonly<Record<TenantKind, string>> = {
  /** t(tenant.kind.county, tenant.kind.town, tenant.kind.municipality, tenant.kind.municipal_association) */
  county: 'tenant.kind.county',
  town: 'tenant.kind.town',
  municipality: 'tenant.kind.municipality',
  municipal_association: 'tenant.kind.municipal_association',
};

/** State of a meeting in words ("geplant", "eingeladen", …). */
export const MEETING_STATE_KEYS: Readonly<Record<MeetingState, string>> = {
  /** t(meetings.state.planned, meetings.state.invited, meetings.state.running, meetings.state.held, meetings.state.minutes_drafted, meetings.state.minutes_approved) */
  planned: 'meetings.state.planned',
  invited: 'meetings.state.invited',
  running: 'meetings.state.running',
  held: 'meetings.state.held',
  minutes_drafted: 'meetings.state.minutes_drafted',
  minutes_approved: 'meetings.state.minutes_approved',
};

export interface ErrorMessageKeys {
  title: string;
  text: string;
  /** Whether trying again may help (transient errors). */
  retry: boolean;
  /** Whether to offer the link back to the list of authorities. */
  overviewLink: boolean;
}

/** Heading and text of an error state per kind of API error. */
export const ERROR_MESSAGE_KEYS: Readonly<Record<ApiErrorKind, ErrorMessageKeys>> = {
  /**
   * t(errors.tenantNotFound.title, errors.tenantNotFound.text, errors.tenantSuspended.title, errors.tenantSuspended.text,
   *   errors.notFound.title, errors.notFound.text, errors.invalidRequest.title, errors.invalidRequest.text,
   *   errors.unavailable.title, errors.unavailable.text, errors.network.title, errors.network.text,
   *   errors.server.title, errors.server.text, errors.unauthorized.title, errors.unauthorized.text,
   *   errors.forbidden.title, errors.forbidden.text, errors.conflict.title, errors.conflict.text,
   *   errors.rateLimited.title, errors.rateLimited.text)
   */
  unauthorized: { title: 'errors.unauthorized.title', text: 'errors.unauthorized.text', retry: true, overviewLink: false },
  forbidden: { title: 'errors.forbidden.title', text: 'errors.forbidden.text', retry: false, overviewLink: true },
  conflict: { title: 'errors.conflict.title', text: 'errors.conflict.text', retry: true, overviewLink: false },
  'rate-limited': { title: 'errors.rateLimited.title', text: 'errors.rateLimited.text', retry: true, overviewLink: false },
  'tenant-not-found': { title: 'errors.tenantNotFound.title', text: 'errors.tenantNotFound.text', retry: false, overviewLink: true },
  'tenant-suspended': { title: 'errors.tenantSuspended.title', text: 'errors.tenantSuspended.text', retry: false, overviewLink: true },
  'not-found': { title: 'errors.notFound.title', text: 'errors.notFound.text', retry: false, overviewLink: true },
  validation: { title: 'errors.invalidRequest.title', text: 'errors.invalidRequest.text', retry: false, overviewLink: true },
  unavailable: { title: 'errors.unavailable.title', text: 'errors.unavailable.text', retry: true, overviewLink: false },
  network: { title: 'errors.network.title', text: 'errors.network.text', retry: true, overviewLink: false },
  server: { title: 'errors.server.title', text: 'errors.server.text', retry: true, overviewLink: false },
};

/** Page title key per kind of API error, for pages that failed to load. */
export const ERROR_TITLE_KEYS: Readonly<Record<ApiErrorKind, string>> = {
  /** t(title.tenantNotFound, title.tenantSuspended, title.notFound, title.error) */
  'tenant-not-found': 'title.tenantNotFound',
  'tenant-suspended': 'title.tenantSuspended',
  'not-found': 'title.notFound',
  validation: 'title.error',
  unauthorized: 'title.error',
  forbidden: 'title.error',
  conflict: 'title.error',
  'rate-limited': 'title.error',
  unavailable: 'title.error',
  network: 'title.error',
  server: 'title.error',
};
