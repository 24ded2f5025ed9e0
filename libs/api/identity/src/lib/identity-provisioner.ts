/**
 * The port through which onboarding creates identities. Every method is idempotent (it finds
 * before it creates), so a provisioning step that failed half-way can simply run again.
 */
export interface IdentityProvisioner {
  /** A realm of its own for a tenant that needs one (own keys, own IdP federation). */
  ensureRealm(realm: string, displayName: string): Promise<void>;
  /** The tenant's Keycloak Organization in `realm`, found by alias. */
  ensureOrganization(realm: string, alias: string, name: string): Promise<{ id: string }>;
  /**
   * The identity with this e-mail address, created (enabled, with the required actions "set a
   * password" and "verify the e-mail address") when there is none. `created` tells the caller
   * whether it is a new identity: an existing one (say, a person already in another authority)
   * must only get the organization membership and a plain notice, never an actions e-mail that
   * would make them reset a password they already use.
   */
  ensureUser(realm: string, user: { email: string; firstName: string; lastName: string }): Promise<EnsuredUser>;
  ensureOrganizationMember(realm: string, organizationId: string, userId: string): Promise<void>;
  /** Keycloak's execute-actions-email: set a password and verify the e-mail address. */
  sendInvitation(realm: string, userId: string, options: { clientId: string; redirectUri: string }): Promise<void>;
  deleteOrganization(realm: string, organizationId: string): Promise<void>;
}

export interface EnsuredUser {
  id: string;
  /** true: this call created the identity; false: it existed already (nothing about it was changed). */
  created: boolean;
  /**
   * The identity has not been set up yet (it still must set a password): true for a new one, and
   * for one created by an earlier invitation that was never followed. Such an identity gets the
   * invitation (actions e-mail); one already in use gets a plain notice instead.
   */
  awaitingSetup: boolean;
}

export const IDENTITY_PROVISIONER = Symbol('IDENTITY_PROVISIONER');
