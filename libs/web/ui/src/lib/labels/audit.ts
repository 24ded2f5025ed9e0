import type { AuditEventDto } from '@ratsinfo/contracts';
import { TENANT_ROLE_KEYS } from './roles';

/*
 * How an audit event reads for a clerk or an operator: the action and the kind of record in
 * words, a readable name of the record where the event carries one, and the recorded changes as
 * label/value pairs instead of JSON. Unknown action codes and fields (written by a newer API) stay
 * visible as they are, so nothing recorded is hidden.
 */

/** Action code → translation key. */
export const AUDIT_ACTION_KEYS: Readonly<Record<string, string>> = {
  // Papers and paper types (issue 7).
  /**
   * t(paperAudit.actions.paperTypeDefaultsCreated, paperAudit.actions.paperTypeCreated, paperAudit.actions.paperTypeUpdated, paperAudit.actions.paperTypeDeleted,
   *   paperAudit.actions.paperCreated, paperAudit.actions.paperDerivativeCreated, paperAudit.actions.paperUpdated, paperAudit.actions.paperConsultationsChanged,
   *   paperAudit.actions.paperReleased, paperAudit.actions.paperWithdrawn, paperAudit.actions.paperDeleted)
   */
  'paper-type.defaults-created': 'paperAudit.actions.paperTypeDefaultsCreated',
  'paper-type.created': 'paperAudit.actions.paperTypeCreated',
  'paper-type.updated': 'paperAudit.actions.paperTypeUpdated',
  'paper-type.deleted': 'paperAudit.actions.paperTypeDeleted',
  'paper.created': 'paperAudit.actions.paperCreated',
  'paper.derivative-created': 'paperAudit.actions.paperDerivativeCreated',
  'paper.updated': 'paperAudit.actions.paperUpdated',
  'paper.consultations-changed': 'paperAudit.actions.paperConsultationsChanged',
  'paper.released': 'paperAudit.actions.paperReleased',
  'paper.withdrawn': 'paperAudit.actions.paperWithdrawn',
  'paper.deleted': 'paperAudit.actions.paperDeleted',
  /**
   * t(audit.actions.userAccountInvited, audit.actions.userAccountInvitationResent, audit.actions.userAccountLinked,
   *   audit.actions.userAccountPersonLinked, audit.actions.userAccountRolesChanged, audit.actions.supportAccessGranted,
   *   audit.actions.supportAccessRevoked, audit.actions.tenantOnboardingStarted, audit.actions.tenantActivated,
   *   audit.actions.tenantSuspended, audit.actions.tenantReactivated, audit.actions.tenantExported,
   *   audit.actions.tenantDeleted, audit.actions.tenantInvitationResent, audit.actions.userAccountAccessNoticeQueued,
   *   audit.actions.userAccountInvitationWithdrawn, audit.actions.settingsMemberVisibilityChanged)
   */
  'user-account.invited': 'audit.actions.userAccountInvited',
  'user-account.invitation-resent': 'audit.actions.userAccountInvitationResent',
  'user-account.linked': 'audit.actions.userAccountLinked',
  'user-account.person-linked': 'audit.actions.userAccountPersonLinked',
  'user-account.roles-changed': 'audit.actions.userAccountRolesChanged',
  'support-access.granted': 'audit.actions.supportAccessGranted',
  'support-access.revoked': 'audit.actions.supportAccessRevoked',
  'tenant.onboarding-started': 'audit.actions.tenantOnboardingStarted',
  'tenant.activated': 'audit.actions.tenantActivated',
  'tenant.suspended': 'audit.actions.tenantSuspended',
  'tenant.reactivated': 'audit.actions.tenantReactivated',
  'tenant.exported': 'audit.actions.tenantExported',
  'tenant.deleted': 'audit.actions.tenantDeleted',
  'tenant.invitation-resent': 'audit.actions.tenantInvitationResent',
  'user-account.access-notice-queued': 'audit.actions.userAccountAccessNoticeQueued',
  'user-account.invitation-withdrawn': 'audit.actions.userAccountInvitationWithdrawn',
  'settings.member-visibility-changed': 'audit.actions.settingsMemberVisibilityChanged',
  // Invitations, guests, absence notices, mail settings (issue 8).
  /** t(mail.audit.invitationRequested, mail.audit.guestAdded, mail.audit.guestRemoved, mail.audit.absenceNoticed, mail.audit.absenceWithdrawn, mail.audit.mailSettingsChanged) */
  'meeting.invitation-requested': 'mail.audit.invitationRequested',
  'meeting-guest.added': 'mail.audit.guestAdded',
  'meeting-guest.removed': 'mail.audit.guestRemoved',
  'absence.noticed': 'mail.audit.absenceNoticed',
  'absence.withdrawn': 'mail.audit.absenceWithdrawn',
  'settings.mail-changed': 'mail.audit.mailSettingsChanged',
  /** t(oparlSettings.audit.licenseChanged) */
  'settings.oparl-license-changed': 'oparlSettings.audit.licenseChanged',
  // The council structure (issue 7).
  /**
   * t(structure.audit.legislativeTermCreated, structure.audit.legislativeTermUpdated, structure.audit.legislativeTermDeleted, structure.audit.locationCreated, structure.audit.locationUpdated, structure.audit.locationDeleted, structure.audit.organizationCreated, structure.audit.organizationUpdated,
   *   structure.audit.organizationDeleted, structure.audit.personCreated, structure.audit.personUpdated, structure.audit.personDeleted, structure.audit.membershipCreated, structure.audit.membershipUpdated, structure.audit.membershipDeleted)
   */
  'legislative-term.created': 'structure.audit.legislativeTermCreated',
  'legislative-term.updated': 'structure.audit.legislativeTermUpdated',
  'legislative-term.deleted': 'structure.audit.legislativeTermDeleted',
  'location.created': 'structure.audit.locationCreated',
  'location.updated': 'structure.audit.locationUpdated',
  'location.deleted': 'structure.audit.locationDeleted',
  'organization.created': 'structure.audit.organizationCreated',
  'organization.updated': 'structure.audit.organizationUpdated',
  'organization.deleted': 'structure.audit.organizationDeleted',
  'person.created': 'structure.audit.personCreated',
  'person.updated': 'structure.audit.personUpdated',
  'person.deleted': 'structure.audit.personDeleted',
  'membership.created': 'structure.audit.membershipCreated',
  'membership.updated': 'structure.audit.membershipUpdated',
  'membership.deleted': 'structure.audit.membershipDeleted',
  /** t(files.audit.uploaded, files.audit.versionAdded, files.audit.updated, files.audit.deleted) */
  'file.uploaded': 'files.audit.uploaded',
  'file.version-added': 'files.audit.versionAdded',
  'file.updated': 'files.audit.updated',
  'file.deleted': 'files.audit.deleted',
  /** t(agenda.audit.meetingCreated, agenda.audit.meetingUpdated, agenda.audit.meetingCancelled, agenda.audit.agendaUpdated) */
  'meeting.created': 'agenda.audit.meetingCreated',
  'meeting.updated': 'agenda.audit.meetingUpdated',
  'meeting.cancelled': 'agenda.audit.meetingCancelled',
  'agenda.updated': 'agenda.audit.agendaUpdated',
  /** t(deadLetters.audit.retried) */
  'outbox-event.retried': 'deadLetters.audit.retried',
  /** t(members.audit.annotationCreated, members.audit.annotationDeleted) */
  'annotation.created': 'members.audit.annotationCreated',
  'annotation.deleted': 'members.audit.annotationDeleted',
};

/** Kind of record → translation key. */
export const AUDIT_ENTITY_KEYS: Readonly<Record<string, string>> = {
  /** t(paperAudit.entities.paper, paperAudit.entities.paperType) */
  paper: 'paperAudit.entities.paper',
  'paper-type': 'paperAudit.entities.paperType',
  /** t(audit.entities.userAccount, audit.entities.supportAccessGrant, audit.entities.tenant, audit.entities.meeting, audit.entities.person) */
  'user-account': 'audit.entities.userAccount',
  'support-access-grant': 'audit.entities.supportAccessGrant',
  tenant: 'audit.entities.tenant',
  meeting: 'audit.entities.meeting',
  person: 'audit.entities.person',
  /** t(structure.audit.entityLegislativeTerm, structure.audit.entityLocation, structure.audit.entityOrganization, structure.audit.entityMembership) */
  'legislative-term': 'structure.audit.entityLegislativeTerm',
  location: 'structure.audit.entityLocation',
  organization: 'structure.audit.entityOrganization',
  membership: 'structure.audit.entityMembership',
  /** t(files.audit.entity) */
  file: 'files.audit.entity',
  /** t(deadLetters.audit.entity) */
  'outbox-event': 'deadLetters.audit.entity',
  /** t(members.audit.entity) */
  annotation: 'members.audit.entity',
};

/** Field of `changes` → translation key. */
export const AUDIT_FIELD_KEYS: Readonly<Record<string, string>> = {
  /** t(paperAudit.fields.abbreviations, paperAudit.fields.idempotencyKey, paperAudit.fields.requestFingerprint) */
  abbreviations: 'paperAudit.fields.abbreviations',
  idempotencyKey: 'paperAudit.fields.idempotencyKey',
  requestFingerprint: 'paperAudit.fields.requestFingerprint',
  /**
   * t(audit.fields.before, audit.fields.after, audit.fields.email, audit.fields.roles, audit.fields.personId,
   *   audit.fields.hours, audit.fields.reason, audit.fields.name, audit.fields.kind, audit.fields.ags,
   *   audit.fields.dedicatedRealm, audit.fields.firstAdmin, audit.fields.lastExportAt, audit.fields.counts,
   *   audit.fields.bytes, audit.fields.expiresAt, audit.fields.requestedAs, audit.fields.sent)
   */
  before: 'audit.fields.before',
  after: 'audit.fields.after',
  email: 'audit.fields.email',
  roles: 'audit.fields.roles',
  personId: 'audit.fields.personId',
  hours: 'audit.fields.hours',
  reason: 'audit.fields.reason',
  name: 'audit.fields.name',
  kind: 'audit.fields.kind',
  ags: 'audit.fields.ags',
  dedicatedRealm: 'audit.fields.dedicatedRealm',
  firstAdmin: 'audit.fields.firstAdmin',
  lastExportAt: 'audit.fields.lastExportAt',
  counts: 'audit.fields.counts',
  bytes: 'audit.fields.bytes',
  expiresAt: 'audit.fields.expiresAt',
  requestedAs: 'audit.fields.requestedAs',
  sent: 'audit.fields.sent',
  /**
   * t(files.audit.fields.owner, files.audit.fields.fileName, files.audit.fields.mimeType, files.audit.fields.size,
   *   files.audit.fields.public, files.audit.fields.main, files.audit.fields.version, files.audit.fields.photo,
   *   files.audit.fields.sortOrder)
   */
  owner: 'files.audit.fields.owner',
  fileName: 'files.audit.fields.fileName',
  mimeType: 'files.audit.fields.mimeType',
  size: 'files.audit.fields.size',
  public: 'files.audit.fields.public',
  main: 'files.audit.fields.main',
  version: 'files.audit.fields.version',
  photo: 'files.audit.fields.photo',
  sortOrder: 'files.audit.fields.sortOrder',
};

/** One recorded value, typed so the template can put it in words. */
export type AuditValue =
  | { kind: 'empty' }
  | { kind: 'yes' | 'no' }
  | { kind: 'roles'; keys: string[] }
  | { kind: 'date'; iso: string }
  | { kind: 'text'; text: string };

export interface AuditChange {
  /** Translation key of the field, or null for a field this version does not know. */
  labelKey: string | null;
  /** The field name as recorded (shown when there is no translation). */
  field: string;
  value: AuditValue;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function isTenantRole(value: unknown): boolean {
  return typeof value === 'string' && value in TENANT_ROLE_KEYS;
}

/** A recorded value in words: role lists as role names, booleans as yes/no, timestamps as dates. */
export function auditValue(value: unknown): AuditValue {
  if (value === null || value === undefined || value === '') return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: value ? 'yes' : 'no' };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: 'empty' };
    if (value.every(isTenantRole)) return { kind: 'roles', keys: value.map((role: string) => TENANT_ROLE_KEYS[role as keyof typeof TENANT_ROLE_KEYS]) };
    return { kind: 'text', text: value.map((item) => plainText(item)).join(', ') };
  }
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return { kind: 'date', iso: value };
  return { kind: 'text', text: plainText(value) };
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, inner]) => `${key}: ${plainText(inner)}`)
      .join(', ');
  }
  return String(value);
}

/** The recorded changes as label/value pairs, in the order they were recorded. */
export function auditChanges(changes: AuditEventDto['changes']): AuditChange[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, value]) => ({ labelKey: AUDIT_FIELD_KEYS[field] ?? null, field, value: auditValue(value) }));
}

/**
 * A readable name of the record the event is about, where the event carries one: an
 * authority's name (or its slug), an account's e-mail, a support grant's reason.
 */
export function auditEntityName(event: AuditEventDto): string | null {
  const changes = event.changes ?? {};
  const text = (key: string) => (typeof changes[key] === 'string' && changes[key] !== '' ? (changes[key] as string) : null);
  if (event.entityType === 'tenant') return text('name') ?? event.tenantSlug;
  if (event.entityType === 'user-account') return text('email');
  if (event.entityType === 'support-access-grant') return text('reason');
  return text('name');
}
