import { OrganizationType, PaperDerivation } from '@ratsinfo/contracts';

/*
 * Translation keys of the portal's content pages chosen at run time (see labels.ts for why the
 * marker comments are there).
 */

export const DERIVATION_KEYS: Readonly<Record<PaperDerivation, string>> = {
  /** t(portalContent.derivation.amendment, portalContent.derivation.supplement) */
  amendment: 'portalContent.derivation.amendment',
  supplement: 'portalContent.derivation.supplement',
};

/** The heading of each group on the bodies page, in the order shown. */
export const ORGANIZATION_GROUP_KEYS: Readonly<Record<OrganizationType, string>> = {
  /** t(portalContent.organizations.group.council, portalContent.organizations.group.committee, portalContent.organizations.group.faction, portalContent.organizations.group.other) */
  council: 'portalContent.organizations.group.council',
  committee: 'portalContent.organizations.group.committee',
  faction: 'portalContent.organizations.group.faction',
  other: 'portalContent.organizations.group.other',
};

/** The kind of a body in words ("Ausschuss", "Fraktion"). */
export const ORGANIZATION_TYPE_KEYS: Readonly<Record<OrganizationType, string>> = {
  /** t(portalContent.organizations.type.council, portalContent.organizations.type.committee, portalContent.organizations.type.faction, portalContent.organizations.type.other) */
  council: 'portalContent.organizations.type.council',
  committee: 'portalContent.organizations.type.committee',
  faction: 'portalContent.organizations.type.faction',
  other: 'portalContent.organizations.type.other',
};
