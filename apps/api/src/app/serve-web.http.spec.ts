import { loadConfig } from '@ratsinfo/api-core';
import { testEnv } from '@ratsinfo/api-testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createApp } from './create-app';

/** The API serving the built web app (WEB_DIST_DIR): deep links get the app, API paths stay API. */
describe('serving the web app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratsinfo-web-'));
  let close: () => Promise<void>;
  let base: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="de"><title>Ratsinfo</title></html>');
    const env = testEnv();
    // A relative folder, as in deploy/README.md.
    const app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', WEB_DIST_DIR: relative(process.cwd(), dir) }));
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/burg', '/burg/sitzungen/3f1c0a8e-0000-4000-8000-000000000000', '/betrieb'])('answers %s with the app', async (path) => {
    const res = await fetch(base + path);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Ratsinfo</title>');
  });

  it('keeps unknown API paths as 404 problem+json', async () => {
    const res = await fetch(`${base}/api/does-not-exist`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
