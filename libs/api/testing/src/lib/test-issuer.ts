import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/**
 * A minimal token issuer for API tests: a real HTTP server that publishes a JWKS at Keycloak's
 * path for one or more realms, and mints Keycloak-shaped access tokens with any claims —
 * including the broken ones (expired, wrong audience, alg none, …) that the dev IdP would never
 * issue.
 */
export interface TestIssuer {
  /** Use as AUTH_URL. */
  url: string;
  issuer(realm?: string): string;
  token(claims?: TokenClaims, options?: { realm?: string; header?: Record<string, unknown>; expiresIn?: number; notBefore?: number; issuedAt?: number }): Promise<string>;
  stop(): Promise<void>;
}

export interface TokenClaims {
  sub?: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
  organization?: string[];
  realm_access?: { roles: string[] };
  aud?: string | string[];
  iss?: string;
  typ?: string;
  [claim: string]: unknown;
}

export async function startTestIssuer(realms: string[] = ['ratsinfo'], audience = 'ratsinfo-api'): Promise<TestIssuer> {
  const keys = new Map<string, { privateKey: CryptoKey; jwk: JWK }>();
  for (const realm of realms) {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: `${realm}-key`, alg: 'RS256', use: 'sig' };
    keys.set(realm, { privateKey, jwk });
  }
  const server: Server = createServer((req, res) => {
    const m = /^\/realms\/([^/]+)\/protocol\/openid-connect\/certs$/.exec(req.url ?? '');
    const k = m?.[1] ? keys.get(m[1]) : undefined;
    if (!k) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [k.jwk] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const defaultRealm = realms[0] ?? 'ratsinfo';
  const issuer = (realm = defaultRealm) => `${url}/realms/${realm}`;
  return {
    url,
    issuer,
    async token(claims = {}, options = {}) {
      const realm = options.realm ?? defaultRealm;
      const k = keys.get(realm);
      if (!k) throw new Error(`unknown realm ${realm}`);
      const now = Math.floor(Date.now() / 1000);
      const { iss, aud, ...rest } = claims;
      return new SignJWT({ typ: 'Bearer', azp: 'ratsinfo-web', sub: randomUUID(), ...rest })
        .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: k.jwk.kid, ...options.header })
        .setIssuer(iss ?? issuer(realm))
        .setAudience(aud ?? audience)
        .setIssuedAt(options.issuedAt ?? now)
        .setNotBefore(options.notBefore ?? now)
        .setExpirationTime((options.issuedAt ?? now) + (options.expiresIn ?? 300))
        .setJti(randomUUID())
        .sign(k.privateKey);
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
