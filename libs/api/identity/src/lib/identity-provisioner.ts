/**
 * The port through which onboarding creates identities. Every method is idempotent (it finds
 * before it creates), so a provisioning step that failed half-way can simply run again.
 */
export interface IdentityProvisioner {
  /** A realm of its own for a tenant that needs one (own keys, own IdP federation). */
  ensureRealm(realm: string, displayName: string): Promise<void>;
  /** The tenant's Keycloak Organization in `realm`, found by alias. */
  ensureOrganization(realm: string, alias: string, name: string): Promise<{ id: string }>;
  ensureUser(realm: string, user: { email: string; firstName: string; lastName: string }): Promise<{ id: string }>;
  ensureOrganizationMember(realm: string, organizationId: string, userId: string): Promise<void>;
  /** Keycloak's execute-actions-email: set a password and verify the e-mail address. */
  sendInvitation(realm: string, userId: string, options: { clientId: string; redirectUri: string }): Promise<void>;
  deleteOrganization(realm: string, organizationId: string): Promise<void>;
}

export const IDENTITY_PROVISIONER = Symbol('IDENTITY_PROVISIONER');
