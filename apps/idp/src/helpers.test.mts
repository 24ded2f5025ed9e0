import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, verifyPassword } from './crypto.mts';
import { escapeHtml, pickLang } from './pages.mts';
import { clientFromRep, redirectPatternMatches } from './realm.mts';
import { loadRealmFile } from './realm-file.mts';
import { applyScopes, InvalidScopeError } from './scopes.mts';

describe('helpers', () => {
  it('matches Keycloak-style wildcard redirect URIs', () => {
    assert.ok(redirectPatternMatches('http://localhost:4200/*', 'http://localhost:4200/'));
    assert.ok(redirectPatternMatches('http://localhost:4200/*', 'http://localhost:4200/burg/sitzungen?tab=2'));
    assert.ok(redirectPatternMatches('http://127.0.0.1:*/*', 'http://127.0.0.1:39123/callback'));
    assert.ok(!redirectPatternMatches('http://localhost:4200/*', 'http://localhost:42000/'));
    assert.ok(!redirectPatternMatches('http://localhost:4200/*', 'http://localhost:4200.evil.example/'));
    assert.ok(!redirectPatternMatches('http://127.0.0.1:*/*', 'http://127.0.0.1.evil.example:80/'));
    assert.ok(!redirectPatternMatches('http://127.0.0.1:*/*', 'http://127.0.0.1/'));
    assert.ok(!redirectPatternMatches('http://localhost:4200/*', 'http://localhost:4200/#frag'));
    assert.ok(!redirectPatternMatches('http://localhost:4200/*', 'not a url'));
  });

  it("builds Keycloak's scope claim from the realm file's client scopes", () => {
    const realm = loadRealmFile({ variables: { RATSINFO_WEB_URL: 'http://localhost:4200', RATSINFO_PROVISIONER_SECRET: 'x', IDP_TEST_CLIENT_SECRET: 'y' } });
    const catalog = new Map((realm.clientScopes ?? []).map((s) => [s.name, s]));
    const web = clientFromRep(realm.clients?.find((c) => c.clientId === 'ratsinfo-web') ?? { clientId: '' }, []);
    // default scopes with include.in.token.scope; optional ones only when requested
    assert.equal(applyScopes(web, catalog, 'openid').scope, 'openid profile email');
    assert.equal(applyScopes(web, catalog, undefined).scope, 'profile email');
    assert.equal(applyScopes(web, catalog, 'offline_access openid').scope, 'openid profile email offline_access');
    assert.equal(applyScopes(web, catalog, 'openid organization:*').scope, 'openid profile email organization:*');
    assert.deepEqual(applyScopes(web, catalog, 'openid organization:*').organization, { kind: 'all' });
    assert.deepEqual(applyScopes(web, catalog, 'organization:burg organization:genthin').organization, { kind: 'single', aliases: ['burg', 'genthin'] });
    assert.deepEqual(applyScopes(web, catalog, 'openid organization').organization, { kind: 'any' });
    assert.equal(applyScopes(web, catalog, 'openid').organization, null);
    assert.equal(applyScopes(web, catalog, 'openid no-such-scope').scope, 'openid profile email');
    assert.throws(() => applyScopes(web, catalog, 'organization organization:*'), InvalidScopeError);
    assert.throws(() => applyScopes(web, catalog, 'organization:burg organization:*'), InvalidScopeError);
  });

  it('picks the page language', () => {
    assert.equal(pickLang(undefined, [], undefined), 'de');
    assert.equal(pickLang('en', [], 'de'), 'en');
    assert.equal(pickLang(null, ['fr en'], 'de'), 'en');
    assert.equal(pickLang(null, [], 'fr-FR, en-US;q=0.8, de;q=0.9'), 'de');
    assert.equal(pickLang(null, [], 'fr-FR, en-US;q=0.8'), 'en');
  });

  it('escapes HTML', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('hashes passwords with scrypt and a salt', async () => {
    const a = await hashPassword('geheim-123');
    const b = await hashPassword('geheim-123');
    assert.match(a, /^scrypt\$16384\$8\$1\$/);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword(a, 'geheim-123'), true);
    assert.equal(await verifyPassword(a, 'geheim-124'), false);
    assert.equal(await verifyPassword(null, 'geheim-123'), false);
    assert.equal(await verifyPassword('garbage', 'x'), false);
  });
});
