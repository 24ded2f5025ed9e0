import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import type KcAdminClient from '@keycloak/keycloak-admin-client';
import type { EnsuredUser, IdentityProvisioner } from './identity-provisioner';

type KcAdminClientClass = typeof KcAdminClient;

/**
 * IdentityProvisioner on Keycloak's Admin REST API through the official
 * `@keycloak/keycloak-admin-client`, authenticated as a confidential client's service account
 * (client credentials) in the admin realm. The same adapter serves the dev IdP, which speaks
 * this subset of Keycloak's admin API.
 */
@Injectable()
export class KeycloakProvisioner implements IdentityProvisioner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private async client(): Promise<KcAdminClient> {
    // The package is ESM-only. Node's own require (which loads ESM since Node 22), reached
    // through getBuiltinModule, keeps it away from bundlers and test module loaders that only
    // handle CommonJS.
    const { createRequire } = process.getBuiltinModule('node:module');
    const { default: Client } = createRequire(`${process.cwd()}/`)('@keycloak/keycloak-admin-client') as { default: KcAdminClientClass };
    const secret = this.config.KEYCLOAK_ADMIN_CLIENT_SECRET;
    if (!secret) throw new Error('KEYCLOAK_ADMIN_CLIENT_SECRET is not configured: onboarding cannot create identities.');
    const kc = new Client({ baseUrl: this.config.AUTH_URL, realmName: this.config.KEYCLOAK_ADMIN_REALM });
    await kc.auth({ grantType: 'client_credentials', clientId: this.config.KEYCLOAK_ADMIN_CLIENT_ID, clientSecret: secret });
    return kc;
  }

  async ensureRealm(realm: string, displayName: string): Promise<void> {
    const kc = await this.client();
    const existing = await kc.realms.findOne({ realm });
    if (!existing) await kc.realms.create({ realm, displayName, enabled: true, organizationsEnabled: true });
  }

  async ensureOrganization(realm: string, alias: string, name: string): Promise<{ id: string }> {
    const kc = await this.client();
    // Keycloak's organization search matches name and domain, not alias: look by name first,
    // then page through all organizations.
    let found = (await kc.organizations.find({ realm, search: name, max: 100 })).find((o) => o.alias === alias);
    for (let first = 0; !found; first += 100) {
      const page = await kc.organizations.find({ realm, first, max: 100 });
      found = page.find((o) => o.alias === alias);
      if (page.length < 100) break;
    }
    if (found?.id) return { id: found.id };
    const created = await kc.organizations.create({ realm, alias, name, enabled: true, domains: [] });
    return { id: created.id };
  }

  async ensureUser(realm: string, user: { email: string; firstName: string; lastName: string }): Promise<EnsuredUser> {
    const kc = await this.client();
    const existing = await this.findUserByEmail(kc, realm, user.email);
    if (existing) return { id: existing, created: false, awaitingSetup: await this.awaitingSetup(kc, realm, existing) };
    try {
      const created = await kc.users.create({ realm, username: user.email, email: user.email, firstName: user.firstName, lastName: user.lastName, enabled: true, emailVerified: false, requiredActions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'] });
      return { id: created.id, created: true, awaitingSetup: true };
    } catch (e) {
      // Someone created the same identity between our search and our create (409): it is theirs,
      // so it counts as existing.
      if ((e as { response?: { status?: number } }).response?.status !== 409) throw e;
      const raced = await this.findUserByEmail(kc, realm, user.email);
      if (!raced) throw e;
      return { id: raced, created: false, awaitingSetup: await this.awaitingSetup(kc, realm, raced) };
    }
  }

  private async awaitingSetup(kc: KcAdminClient, realm: string, id: string): Promise<boolean> {
    const u = await kc.users.findOne({ realm, id });
    return (u?.requiredActions ?? []).includes('UPDATE_PASSWORD');
  }

  private async findUserByEmail(kc: KcAdminClient, realm: string, email: string): Promise<string | undefined> {
    // `exact` still compares case-insensitively in Keycloak (e-mails are stored lower-case);
    // the filter guards against a server that treats it as a prefix search.
    const found = await kc.users.find({ realm, email, exact: true });
    return found.find((u) => u.email?.toLowerCase() === email.toLowerCase())?.id;
  }

  async ensureOrganizationMember(realm: string, organizationId: string, userId: string): Promise<void> {
    const kc = await this.client();
    const members = await kc.organizations.listMembers({ realm, orgId: organizationId, max: 1000 });
    if (!members.some((m) => m.id === userId)) await kc.organizations.addMember({ realm, orgId: organizationId, userId });
  }

  async sendInvitation(realm: string, userId: string, options: { clientId: string; redirectUri: string }): Promise<void> {
    const kc = await this.client();
    await kc.users.executeActionsEmail({ realm, id: userId, actions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'], clientId: options.clientId, redirectUri: options.redirectUri, lifespan: 7 * 24 * 3600 });
  }

  async deleteOrganization(realm: string, organizationId: string): Promise<void> {
    const kc = await this.client();
    await kc.organizations.delById({ realm, id: organizationId }).catch((e: { response?: { status?: number } }) => {
      if (e.response?.status !== 404) throw e;
    });
  }
}
