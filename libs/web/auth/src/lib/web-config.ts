import { ApiRoutes, WebConfigDto } from '@ratsinfo/contracts';
import { isRealmName } from './auth-settings';

/** True when `body` is a usable `WebConfigDto` (http(s) URL, realm name, client id). */
export function isWebConfig(body: unknown): body is WebConfigDto {
  const auth = (body as Partial<WebConfigDto> | null)?.auth;
  if (!auth || typeof auth.url !== 'string' || typeof auth.clientId !== 'string' || auth.clientId.trim() === '') return false;
  if (!isRealmName(auth.realm)) return false;
  try {
    const url = new URL(auth.url);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Loads `GET /api/config` before the app starts (see main.ts). Never rejects: without a usable
 * answer within `timeoutMs` it resolves to null and the app runs without sign-in, so the public
 * portal works when the API's configuration or the identity provider is missing.
 */
export async function loadWebConfig(fetchFn: typeof fetch = fetch, timeoutMs = 5_000): Promise<WebConfigDto | null> {
  try {
    const response = await fetchFn(ApiRoutes.webConfig, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return null;
    const body: unknown = await response.json();
    return isWebConfig(body) ? body : null;
  } catch {
    return null;
  }
}
