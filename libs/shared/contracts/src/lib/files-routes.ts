/*
 * Paths and small helpers of the files API. Kept apart from the zod schemas of files.ts: the web
 * app's initial bundle imports these (through the data-access client) and must not pull in zod.
 */

export const FILE_OWNER_KINDS = ['paper', 'meeting', 'agenda-item', 'person'] as const;
export type FileOwnerKind = (typeof FILE_OWNER_KINDS)[number];
export interface FileOwnerRef {
  kind: FileOwnerKind;
  id: string;
}

const seg = (s: string) => encodeURIComponent(s);
const office = (t: string) => `/api/office/${seg(t)}`;

const OWNER_SEGMENT: Record<FileOwnerKind, string> = { paper: 'papers', meeting: 'meetings', 'agenda-item': 'agenda-items', person: 'persons' };

/** Paths of the files API (office under /api/office/{tenant}, portal under /api/portal/{tenant}). */
export const FileRoutes = {
  /** GET: the owner's files; POST (multipart): upload one (for a person: their photo via `photo`). */
  ownerFiles: (t: string, owner: FileOwnerRef) => `${office(t)}/${OWNER_SEGMENT[owner.kind]}/${seg(owner.id)}/files`,
  personPhoto: (t: string, personId: string) => `${office(t)}/persons/${seg(personId)}/photo`,
  file: (t: string, id: string) => `${office(t)}/files/${seg(id)}`,
  fileVersions: (t: string, id: string) => `${office(t)}/files/${seg(id)}/versions`,
  fileContent: (t: string, id: string) => `${office(t)}/files/${seg(id)}/content`,
  portalFileContent: (t: string, id: string) => `/api/portal/${seg(t)}/files/${seg(id)}/content`,
} as const;

/** `1,5 MB`-style size for people (German number format). */
export function formatFileSize(bytes: number, locale = 'de-DE'): string {
  const units = ['Byte', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value)} ${units[unit]}`;
}
