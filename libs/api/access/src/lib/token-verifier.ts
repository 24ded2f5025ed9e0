import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Principal, UnauthorizedError } from '@ratsinfo/api-core';
import { TenantRegistry } from '@ratsinfo/api-tenancy';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';

/**
 * Verifies Keycloak access tokens locally with `jose` — no call to the IdP per request:
 * issuer on an allow-list (the shared realm, plus the realms of tenants that have their own),
 * signature against that issuer's JWKS (fetched and cached by jose), audience, an algorithm
 * allow-list (never `none`, never HMAC), expiry and not-before with a small clock tolerance,
 * and Keycloak's `typ: Bearer` so ID or refresh tokens are not accepted as access tokens.
 */
@Injectable()
export class TokenVerifier {
  private readonly jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: TenantRegistry,
  ) {}

  async verify(token: string): Promise<Principal> {
    let header;
    let unverified: JWTPayload;
    try {
      header = decodeProtectedHeader(token);
      unverified = decodeJwt(token);
    } catch {
      throw new UnauthorizedError('The bearer token is not a well-formed JWT.');
    }
    if (!header.alg || !this.config.AUTH_ALGORITHMS.includes(header.alg as (typeof this.config.AUTH_ALGORITHMS)[number])) {
      throw new UnauthorizedError(`Tokens signed with "${header.alg ?? 'none'}" are not accepted.`);
    }
    const issuer = unverified.iss;
    if (!issuer || !(await this.isTrustedIssuer(issuer))) {
      throw new UnauthorizedError('The token was not issued by a trusted identity provider.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keysOf(issuer), {
        issuer,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: this.config.AUTH_ALGORITHMS,
        clockTolerance: this.config.AUTH_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (e) {
      throw new UnauthorizedError(describe(e));
    }
    if (payload['typ'] !== undefined && payload['typ'] !== 'Bearer') {
      throw new UnauthorizedError('Only access tokens are accepted.');
    }
    return toPrincipal(issuer, payload);
  }

  private async isTrustedIssuer(issuer: string): Promise<boolean> {
    return issuer === this.registry.sharedIssuer() || (await this.registry.isTenantIssuer(issuer));
  }

  private keysOf(issuer: string) {
    let keys = this.jwks.get(issuer);
    if (!keys) {
      // Keycloak's layout; the issuer is trusted at this point, so its URL is safe to fetch.
      keys = createRemoteJWKSet(new URL(`${issuer}/protocol/openid-connect/certs`), { cooldownDuration: 30_000, cacheMaxAge: 600_000, timeoutDuration: 5_000 });
      this.jwks.set(issuer, keys);
    }
    return keys;
  }
}

function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return 'The token has expired.';
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'aud') return 'The token is not meant for this API (audience).';
    if (e.claim === 'nbf') return 'The token is not valid yet.';
    if (e.claim === 'iat') return 'The token was issued in the future.';
    return `The token's "${e.claim}" claim is invalid.`;
  }
  if (e instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  if (e instanceof errors.JWKSNoMatchingKey) return 'The token was signed with an unknown key.';
  if (e instanceof errors.JOSEAlgNotAllowed) return 'The token algorithm is not accepted.';
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JOSEError) return 'The token could not be verified.';
  return 'The token could not be verified.';
}

function toPrincipal(issuer: string, p: JWTPayload): Principal {
  const str = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : null);
  const realmAccess = p['realm_access'] as { roles?: unknown } | undefined;
  const org = p['organization'];
  // Keycloak 26 emits the organization claim as a list of aliases, or as a map alias → attributes.
  const organizations = Array.isArray(org) ? org.filter((o): o is string => typeof o === 'string') : org && typeof org === 'object' ? Object.keys(org) : [];
  return {
    issuer,
    subject: p.sub as string,
    username: str(p['preferred_username']),
    email: str(p['email']),
    emailVerified: p['email_verified'] === true,
    name: str(p['name']) ?? str(p['preferred_username']),
    organizations,
    realmRoles: Array.isArray(realmAccess?.roles) ? realmAccess.roles.filter((r): r is string => typeof r === 'string') : [],
    clientId: str(p['azp']),
  };
}
