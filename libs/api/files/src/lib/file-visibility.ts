import { NonPublicAccess, type NonPublicScope } from '@ratsinfo/api-council';
import type { OwnerFacts } from './files.repository';

/** Who is reading: staff (clerks, tenant admins, operators under support access) or a council member with their non-public scope. */
export type FileReader = { kind: 'staff' } | { kind: 'member'; scope: NonPublicScope };

/**
 * The portal's rule (ISSUE 7): a file is public when it is public and its owner is — a paper
 * public and not a draft, an agenda item public (its meeting not deleted), a meeting or a person
 * not deleted.
 */
export function isPublicFile(file: { public: boolean }, owner: OwnerFacts): boolean {
  return owner.alive && !owner.draft && owner.public && file.public;
}

/** May a reader see the owner at all (and so its public files)? Staff: anything alive. Members: no drafts; non-public owners by the member visibility rule. */
export function mayReadOwner(reader: FileReader, owner: OwnerFacts): boolean {
  if (!owner.alive) return false;
  if (reader.kind === 'staff') return true;
  if (owner.draft) return false;
  return owner.public || allowsAny(reader.scope, owner.organizationIds);
}

/** A non-public file needs the member's access to the owner's organization(s), whatever the owner's own flag says. */
export function mayReadFile(reader: FileReader, file: { public: boolean }, owner: OwnerFacts): boolean {
  if (!mayReadOwner(reader, owner)) return false;
  if (reader.kind === 'staff' || file.public) return true;
  return allowsAny(reader.scope, owner.organizationIds);
}

function allowsAny(scope: NonPublicScope, organizationIds: string[]): boolean {
  return organizationIds.some((id) => NonPublicAccess.allows(scope, id));
}
