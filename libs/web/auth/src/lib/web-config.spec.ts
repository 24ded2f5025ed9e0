import { ApiRoutes } from '@ratsinfo/contracts';
import { isWebConfig, loadWebConfig } from './web-config';

const valid = { auth: { url: 'http://localhost:8080', realm: 'ratsinfo', clientId: 'ratsinfo-web' } };

function respond(body: unknown, status = 200): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as typeof fetch;
}

describe('loadWebConfig', () => {
  it('loads GET /api/config', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: RequestInfo | URL) => {
      urls.push(String(url));
      return new Response(JSON.stringify(valid), { status: 200 });
    }) as typeof fetch;
    expect(await loadWebConfig(fetchFn)).toEqual(valid);
    expect(urls).toEqual([ApiRoutes.webConfig]);
  });

  it('resolves to null (app without sign-in) on errors, bad answers and timeouts', async () => {
    expect(await loadWebConfig(respond({ title: 'x' }, 503))).toBeNull();
    expect(await loadWebConfig(respond({ auth: { url: 'javascript:alert(1)', realm: 'r', clientId: 'c' } }))).toBeNull();
    expect(await loadWebConfig((async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch)).toBeNull();
    const hanging = ((_url: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))))) as typeof fetch;
    expect(await loadWebConfig(hanging, 10)).toBeNull();
  });

  it('checks the shape', () => {
    expect(isWebConfig(valid)).toBe(true);
    expect(isWebConfig({ auth: { ...valid.auth, realm: '' } })).toBe(false);
    expect(isWebConfig({ auth: { ...valid.auth, clientId: ' ' } })).toBe(false);
    expect(isWebConfig(null)).toBe(false);
  });
});
