/**
 * The zod-free part of the dead-letter contract (routes, topic labels), so that the web app's
 * shell can import it without pulling zod into its initial bundle (see ./dead-letters for the
 * schemas). A dead letter is an outbox event the worker gave up on after its last attempt.
 */

const enc = encodeURIComponent;

export const DeadLetterRoutes = {
  /** Clerks and tenant admins: their authority's dead letters, with the full error. */
  office: (slug: string) => `/api/office/${enc(slug)}/dead-letters`,
  officeCount: (slug: string) => `/api/office/${enc(slug)}/dead-letters/count`,
  retry: (slug: string, id: string) => `/api/office/${enc(slug)}/dead-letters/${enc(id)}/retry`,
  /** Operators: every authority's dead letters, without payload, message or referenced names. */
  operator: '/api/operator/dead-letters',
} as const;

/**
 * Topic → translation key of what the job was to do. Unknown topics (of a newer worker) are
 * shown as they are, so nothing that failed is hidden.
 */
export const DEAD_LETTER_TOPIC_KEYS: Readonly<Record<string, string>> = {
  /**
   * t(deadLetters.topics.mailSend, deadLetters.topics.meetingInvitationRequested, deadLetters.topics.absenceNoticed,
   *   deadLetters.topics.mailAccessGranted, deadLetters.topics.fileTextExtractionRequested, deadLetters.topics.bundleMeetingRequested,
   *   deadLetters.topics.tenantProvisioningRequested, deadLetters.topics.tenantExportRequested)
   */
  'mail.send': 'deadLetters.topics.mailSend',
  'meeting.invitation-requested': 'deadLetters.topics.meetingInvitationRequested',
  'absence.noticed': 'deadLetters.topics.absenceNoticed',
  'mail.access-granted': 'deadLetters.topics.mailAccessGranted',
  'file.text-extraction-requested': 'deadLetters.topics.fileTextExtractionRequested',
  'bundle.meeting-requested': 'deadLetters.topics.bundleMeetingRequested',
  'tenant.provisioning-requested': 'deadLetters.topics.tenantProvisioningRequested',
  'tenant.export-requested': 'deadLetters.topics.tenantExportRequested',
};

/** The translation key for a topic, or null for one this version does not know. */
export function deadLetterTopicKey(topic: string): string | null {
  return Object.hasOwn(DEAD_LETTER_TOPIC_KEYS, topic) ? (DEAD_LETTER_TOPIC_KEYS[topic] ?? null) : null;
}

/** What a dead letter was about, resolved in its authority (best effort). */
export const DEAD_LETTER_SUBJECT_KINDS = ['mail', 'meeting', 'file', 'bundle', 'export', 'absence'] as const;
export type DeadLetterSubjectKind = (typeof DEAD_LETTER_SUBJECT_KINDS)[number];
