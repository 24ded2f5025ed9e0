import { loadConfig, UnauthorizedError } from '@ratsinfo/api-core';
import { startTestIssuer, type TestIssuer } from '@ratsinfo/api-testing';
import type { TenantRegistry } from '@ratsinfo/api-tenancy';
import { TokenVerifier } from './token-verifier';

describe('TokenVerifier', () => {
  let issuer: TestIssuer;
  let verifier: TokenVerifier;
  let tenantIssuers: string[];

  beforeAll(async () => {
    issuer = await startTestIssuer(['ratsinfo', 'ratsinfo-moeckern']);
    tenantIssuers = [issuer.issuer('ratsinfo-moeckern')];
    const registry = {
      sharedIssuer: () => issuer.issuer('ratsinfo'),
      isTenantIssuer: async (iss: string) => tenantIssuers.includes(iss),
    } as unknown as TenantRegistry;
    verifier = new TokenVerifier(loadConfig({ DATABASE_URL: 'postgresql://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1', AUTH_URL: issuer.url }), registry);
  });

  afterAll(() => issuer.stop());

  it('turns a Keycloak access token into a principal', async () => {
    const p = await verifier.verify(
      await issuer.token({ sub: 'u1', preferred_username: 'burg-clerk', email: 'c@burg.example', email_verified: true, name: 'Clara Clerk', organization: ['burg'], realm_access: { roles: ['offline_access'] } }),
    );
    expect(p).toEqual({
      issuer: issuer.issuer('ratsinfo'),
      subject: 'u1',
      username: 'burg-clerk',
      email: 'c@burg.example',
      emailVerified: true,
      name: 'Clara Clerk',
      organizations: ['burg'],
      realmRoles: ['offline_access'],
      clientId: 'ratsinfo-web',
    });
  });

  it("reads Keycloak's map form of the organization claim too", async () => {
    const p = await verifier.verify(await issuer.token({ organization: { burg: {}, genthin: { id: 'x' } } as unknown as string[] }));
    expect(p.organizations).toEqual(['burg', 'genthin']);
  });

  it("trusts a tenant's own realm only while a tenant has it", async () => {
    const token = await issuer.token({}, { realm: 'ratsinfo-moeckern' });
    await expect(verifier.verify(token)).resolves.toMatchObject({ issuer: issuer.issuer('ratsinfo-moeckern') });
    tenantIssuers = [];
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(UnauthorizedError);
  });

  it('rejects a token without a subject', async () => {
    const token = await issuer.token({ sub: undefined as unknown as string });
    await expect(verifier.verify(token)).rejects.toThrow(/"sub"/);
  });

  it('rejects a token signed by a key the issuer never published', async () => {
    const { SignJWT, generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ typ: 'Bearer' })
      .setProtectedHeader({ alg: 'RS256', kid: 'ratsinfo-key' })
      .setSubject('u1')
      .setIssuer(issuer.issuer())
      .setAudience('ratsinfo-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(verifier.verify(foreign)).rejects.toThrow(/signature/);
  });
});
