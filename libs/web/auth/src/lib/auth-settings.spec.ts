import { HttpRequest } from '@angular/common/http';
import type { WebConfigDto } from '@ratsinfo/contracts';
import { AUTH_STORAGE_KEYS, isAuthCallback, resolveAuthSettings } from './auth-settings';
import { bearerTokenCondition } from './provide-auth';

const config: WebConfigDto = { auth: { url: 'http://localhost:8080/', realm: 'ratsinfo', clientId: 'ratsinfo-web' } };

function storage(entries: Record<string, string>): Pick<Storage, 'getItem'> {
  return { getItem: (key: string) => entries[key] ?? null };
}

describe('resolveAuthSettings', () => {
  it('uses the shared realm and no silent check for a first visit', () => {
    const settings = resolveAuthSettings(config, { href: 'http://localhost:4200/burg', localStorage: storage({}), sessionStorage: storage({}) });
    expect(settings).toEqual({
      url: 'http://localhost:8080',
      clientId: 'ratsinfo-web',
      sharedRealm: 'ratsinfo',
      activeRealm: 'ratsinfo',
      scope: 'organization:*',
      callback: false,
      silentCheck: false,
    });
  });

  it('checks the session silently in the realm the user signed in with before', () => {
    const settings = resolveAuthSettings(config, {
      href: 'http://localhost:4200/',
      localStorage: storage({ [AUTH_STORAGE_KEYS.realm]: 'ratsinfo-genthin' }),
      sessionStorage: storage({}),
    });
    expect(settings.activeRealm).toBe('ratsinfo-genthin');
    expect(settings.silentCheck).toBe(true);
  });

  it('on the return from the IdP takes the realm the sign-in was started for', () => {
    const settings = resolveAuthSettings(config, {
      href: 'http://localhost:4200/genthin/verwaltung#state=abc&session_state=x&code=xyz',
      localStorage: storage({ [AUTH_STORAGE_KEYS.realm]: 'ratsinfo' }),
      sessionStorage: storage({ [AUTH_STORAGE_KEYS.pendingRealm]: 'ratsinfo-genthin' }),
    });
    expect(settings.callback).toBe(true);
    expect(settings.activeRealm).toBe('ratsinfo-genthin');
    expect(settings.silentCheck).toBe(false);
  });

  it('ignores stored values that are not realm names and unreadable storage', () => {
    const throwing = { getItem: () => { throw new Error('SecurityError'); } };
    const settings = resolveAuthSettings(config, { href: 'http://localhost:4200/', localStorage: throwing, sessionStorage: storage({}) });
    expect(settings.activeRealm).toBe('ratsinfo');
    const garbage = resolveAuthSettings(config, { href: 'http://localhost:4200/', localStorage: storage({ [AUTH_STORAGE_KEYS.realm]: '../x y' }), sessionStorage: null });
    expect(garbage.activeRealm).toBe('ratsinfo');
  });
});

describe('isAuthCallback', () => {
  it('recognises the fragment of the authorization response (code or error)', () => {
    expect(isAuthCallback('http://localhost:4200/#state=a&code=b')).toBe(true);
    expect(isAuthCallback('http://localhost:4200/x#error=login_required&state=a')).toBe(true);
    expect(isAuthCallback('http://localhost:4200/x#code=b')).toBe(false);
    expect(isAuthCallback('http://localhost:4200/burg#tagesordnung')).toBe(false);
    expect(isAuthCallback('not a url')).toBe(false);
  });
});

describe('bearerTokenCondition', () => {
  const condition = bearerTokenCondition('http://localhost:4200');
  const matches = (url: string) => condition.urlPattern.test(new HttpRequest('GET', url).url);

  it('sends the token only to the office and operator APIs', () => {
    expect(matches('/api/office/burg/session')).toBe(true);
    expect(matches('/api/operator/tenants')).toBe(true);
    expect(matches('http://localhost:4200/api/operator/audit')).toBe(true);
    expect(matches('/api/portal/burg/meetings')).toBe(false);
    expect(matches('/api/tenants')).toBe(false);
    expect(matches('/api/config')).toBe(false);
    expect(matches('i18n/de.json')).toBe(false);
    expect(matches('https://evil.example/api/office/burg/session')).toBe(false);
    expect(matches('/api/officex/burg')).toBe(false);
    expect(condition.bearerPrefix).toBe('Bearer');
  });
});
