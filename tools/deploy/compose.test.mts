/**
 * deploy/compose/compose.yaml (one host): services, health checks, start order, replicas, and no
 * secret written into the file: every credential is a ${VAR} from .env, and .env.example lists
 * every variable with placeholders only. Parsed with `yaml` (merge keys resolved); no Docker needed.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'deploy/compose');
const source = readFileSync(join(dir, 'compose.yaml'), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  deploy?: { replicas?: number };
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  restart?: string;
  profiles?: string[];
  volumes?: string[];
  ports?: string[];
}
const compose = parse(source, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|(^|_)KEY(_|$)|ACCESS_KEY/;
const ONE_VAR = /^\$\{[A-Z0-9_]+(:?[?-][^}]*)?\}$/;

/** Services that `up` starts (not those behind a profile), in an order that respects depends_on. */
function startOrder(): string[] {
  const names = Object.keys(services).filter((n) => !services[n].profiles);
  const done: string[] = [];
  const visit = (n: string, path: string[]) => {
    if (done.includes(n)) return;
    assert.ok(!path.includes(n), `depends_on cycle: ${[...path, n].join(' → ')}`);
    for (const d of Object.keys(services[n].depends_on ?? {})) {
      assert.ok(services[d], `${n} depends on unknown service ${d}`);
      visit(d, [...path, n]);
    }
    done.push(n);
  };
  for (const n of names) visit(n, []);
  return done;
}

describe('compose.yaml', () => {
  it('has PostgreSQL 17, Redis, Keycloak 26 with the realm, MinIO with its bucket, Mailpit, a migration job, api, worker and Caddy', () => {
    assert.match(services['postgres'].image ?? '', /^postgres:17(\.|$)/);
    assert.match(services['redis'].image ?? '', /^redis:/);
    assert.match(services['keycloak'].image ?? '', /^quay\.io\/keycloak\/keycloak:26(\.|$)/);
    assert.ok(services['keycloak'].command?.includes('--import-realm'));
    assert.ok(services['keycloak'].volumes?.some((v) => v.startsWith('../keycloak/ratsinfo-realm.json:/opt/keycloak/data/import/')));
    assert.ok(readFileSync(join(root, 'deploy/keycloak/ratsinfo-realm.json'), 'utf8').includes('"realm": "ratsinfo"'));
    assert.match(services['minio'].image ?? '', /^minio\/minio/);
    assert.match(String(services['minio-init'].command), /mc mb --ignore-existing/);
    assert.match(services['mailpit'].image ?? '', /^axllent\/mailpit/);
    assert.match(services['caddy'].image ?? '', /^caddy:2/);
    assert.deepEqual(services['migrate'].command, ['node', 'tools/db/migrate.mts']);
    assert.match(services['migrate'].environment?.['DATABASE_OWNER_URL'] ?? '', /^postgresql:\/\/ratsinfo_owner:/);
    for (const s of ['api', 'worker']) assert.match(services[s].environment?.['DATABASE_URL'] ?? '', /^postgresql:\/\/ratsinfo_app:/, `${s} must connect as ratsinfo_app`);
  });

  it('creates the owner role and the application role without BYPASSRLS in the PostgreSQL init script', () => {
    const init = readFileSync(join(dir, 'postgres/10-ratsinfo-roles.sh'), 'utf8');
    assert.ok(services['postgres'].volumes?.some((v) => v.includes('/docker-entrypoint-initdb.d/')));
    assert.match(init, /CREATE ROLE ratsinfo_owner WITH LOGIN NOSUPERUSER [^;]*NOBYPASSRLS/);
    assert.match(init, /CREATE ROLE ratsinfo_app WITH LOGIN NOSUPERUSER [^;]*NOBYPASSRLS/);
    assert.doesNotMatch(init, /ratsinfo_app[^;]*\bBYPASSRLS/);
    assert.match(init, /OWNER ratsinfo_owner/);
  });

  it('runs api ×2 and worker ×2, read-only, without capabilities, behind Caddy that balances over both api replicas', () => {
    for (const s of ['api', 'worker']) {
      assert.equal(services[s].deploy?.replicas, 2, `${s} replicas`);
      assert.equal(services[s].read_only, true, `${s} read_only`);
      assert.ok(services[s].tmpfs?.some((t) => t.startsWith('/tmp')), `${s} /tmp`);
      assert.deepEqual(services[s].cap_drop, ['ALL']);
      assert.equal((services[s] as { container_name?: string }).container_name, undefined, 'container_name prevents replicas');
      assert.equal(services[s].ports, undefined, `${s} is reached through Caddy only`);
    }
    const caddyfile = readFileSync(join(dir, 'caddy/Caddyfile'), 'utf8');
    assert.match(caddyfile, /dynamic a \{\s*name api\s*port 3000/);
    assert.match(caddyfile, /health_uri \/health\/ready/);
    assert.match(caddyfile, /tls \{\$CADDY_TLS\}/);
    assert.deepEqual(services['caddy'].ports?.filter((p) => !p.endsWith('/udp')), ['80:80', '443:443']);
  });

  it('health-checks every long-running service, and starts them in order: data services, migrations, apps, proxy', () => {
    for (const [name, s] of Object.entries(services)) {
      const oneShot = name === 'migrate' || name === 'minio-init' || s.profiles !== undefined;
      if (!oneShot) assert.ok(s.healthcheck?.test, `${name} has no healthcheck`);
      for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
        const depOneShot = dep === 'migrate' || dep === 'minio-init';
        assert.equal(condition, depOneShot ? 'service_completed_successfully' : 'service_healthy', `${name} → ${dep}`);
      }
    }
    const order = startOrder();
    const before = (a: string, b: string) => assert.ok(order.indexOf(a) < order.indexOf(b), `${a} must start before ${b}: ${order.join(', ')}`);
    before('postgres', 'migrate');
    before('migrate', 'api');
    before('migrate', 'worker');
    before('minio-init', 'api');
    before('keycloak', 'api');
    before('api', 'caddy');
    assert.ok(services['api'].depends_on?.['migrate'] && services['worker'].depends_on?.['migrate']);
    assert.match(JSON.stringify(services['api'].healthcheck?.test), /\/health\/ready/);
  });

  it('lets a stopping api drain longer than Caddy checks health, and gives it the time to finish (docs/adr/0022)', () => {
    const seconds = (d: string | undefined) => Number(/^(\d+)s$/.exec(d ?? '')?.[1] ?? NaN);
    const env = services['api'].environment ?? {};
    const drain = Number(env['SHUTDOWN_DRAIN_MS']);
    const timeout = Number(env['SHUTDOWN_TIMEOUT_MS']);
    const healthInterval = Number(/health_interval (\d+)s/.exec(readFileSync(join(dir, 'caddy/Caddyfile'), 'utf8'))?.[1]);
    assert.ok(drain > healthInterval * 1000, `SHUTDOWN_DRAIN_MS ${drain} <= Caddy health_interval ${healthInterval}s`);
    const grace = seconds((services['api'] as { stop_grace_period?: string }).stop_grace_period) * 1000;
    assert.ok(grace > drain + timeout, `api stop_grace_period ${grace} ms <= drain + timeout`);
    assert.ok(seconds((services['worker'] as { stop_grace_period?: string }).stop_grace_period) >= 60, 'worker stop_grace_period: running jobs finish');
  });

  it('writes no secret into compose.yaml: every credential is one ${VAR}, URLs carry only ${VAR} passwords', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        const v = String(value);
        if (SECRET_NAME.test(key)) assert.match(v, ONE_VAR, `${name}.${key} must be a single \${VAR}, not "${v}"`);
        const userinfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/]*)@/i.exec(v);
        if (userinfo && userinfo[1].includes(':')) assert.match(userinfo[1].split(':').slice(1).join(':'), ONE_VAR, `${name}.${key}: password in the URL`);
      }
    }
    // Also nothing that looks like a generated secret anywhere in the file.
    const token = /(?=[A-Za-z0-9+]*\d)(?=[A-Za-z0-9+]*[a-z])(?=[A-Za-z0-9+]*[A-Z])[A-Za-z0-9+]{24,}={0,2}/.exec(source);
    assert.equal(token, null, `compose.yaml holds what looks like a secret: ${token?.[0]}`);
  });

  it('.env.example names every variable compose.yaml reads, with placeholders only', () => {
    const example = readFileSync(join(dir, '.env.example'), 'utf8');
    const defined = new Map(
      example.split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
    );
    const used = new Set([...source.matchAll(/\$\{([A-Z0-9_]+)/g)].map((m) => m[1]));
    for (const v of used) assert.ok(defined.has(v), `.env.example lacks ${v}`);
    for (const [k, v] of defined) {
      if (/PASSWORD|SECRET/.test(k)) assert.match(v, /^change-me/, `.env.example ${k} must be a placeholder`);
    }
  });
});
