/**
 * deploy/k8s: each overlay is rendered with `kubectl kustomize` (kubectl on PATH or $KUBECTL;
 * Debian's kubernetes-client is enough, see tools/scripts/apt.sh) and every rendered object is
 * checked: probes, resources and a locked-down securityContext on every container, HPA and PDB
 * for api and worker, the migration Job, Secrets referenced and never inlined, NetworkPolicies
 * whose selectors select the pods they are meant for, the CloudNativePG Cluster's roles.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';

const root = resolve(import.meta.dirname, '../..');
const kubectl = process.env['KUBECTL'] ?? 'kubectl';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are free-form */
type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; data?: any; stringData?: any };
type Selector = { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] };

function render(overlay: string): Obj[] {
  const r = spawnSync(kubectl, ['kustomize', join(root, 'deploy/k8s/overlays', overlay)], { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`${kubectl} not runnable (${r.error.message}): install kubectl (Debian: kubernetes-client, tools/scripts/apt.sh)`);
  assert.equal(r.status, 0, `kubectl kustomize ${overlay} failed:\n${r.stderr}`);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj).filter(Boolean);
}

export function selects(sel: Selector | undefined, labels: Record<string, string>): boolean {
  if (!sel) return false;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    const ok = e.operator === 'In' ? has && (e.values ?? []).includes(labels[e.key])
      : e.operator === 'NotIn' ? !has || !(e.values ?? []).includes(labels[e.key])
      : e.operator === 'Exists' ? has
      : e.operator === 'DoesNotExist' ? !has
      : assert.fail(`unknown selector operator ${e.operator}`);
    if (!ok) return false;
  }
  return true;
}

/** Every pod the objects create, with its labels: workload templates and the CNPG instances. */
function pods(objs: Obj[]): { owner: string; labels: Record<string, string>; spec: any }[] {
  const out: { owner: string; labels: Record<string, string>; spec: any }[] = [];
  for (const o of objs) {
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(o.kind)) out.push({ owner: `${o.kind}/${o.metadata.name}`, labels: o.spec.template.metadata?.labels ?? {}, spec: o.spec.template.spec });
    if (o.kind === 'CronJob') out.push({ owner: `CronJob/${o.metadata.name}`, labels: o.spec.jobTemplate.spec.template.metadata?.labels ?? {}, spec: o.spec.jobTemplate.spec.template.spec });
    if (o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io/')) out.push({ owner: `Cluster/${o.metadata.name}`, labels: { 'cnpg.io/cluster': o.metadata.name, 'cnpg.io/podRole': 'instance' }, spec: null });
  }
  return out;
}

const SECRET_NAME = /PASSWORD|SECRET|TOKEN|(^|_)KEY(_|$)|ACCESS_KEY|CREDENTIAL/;

for (const overlay of ['dev', 'production']) {
  describe(`kubectl kustomize deploy/k8s/overlays/${overlay}`, () => {
    const objs = render(overlay);
    const find = (kind: string, name: string) => {
      const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
      assert.ok(o, `${kind}/${name} missing`);
      return o;
    };
    const allPods = pods(objs);
    const podsOf = (sel: Selector | undefined) => allPods.filter((p) => selects(sel, p.labels));
    const component = (c: string) => allPods.filter((p) => p.labels['app.kubernetes.io/component'] === c);
    const namespace = overlay === 'dev' ? 'ratsinfo-dev' : 'ratsinfo';

    it('renders every object into the overlay namespace', () => {
      assert.ok(objs.length >= 15, `${objs.length} objects`);
      for (const o of objs) assert.equal(o.metadata.namespace, namespace, `${o.kind}/${o.metadata.name}`);
    });

    it('has api and worker Deployments whose every container has startup, liveness and readiness probes and requests/limits', () => {
      for (const name of ['ratsinfo-api', 'ratsinfo-worker']) {
        const d = find('Deployment', name);
        assert.ok(selects(d.spec.selector, d.spec.template.metadata.labels), `${name}: selector does not match its own pods`);
        for (const c of d.spec.template.spec.containers) {
          for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) assert.ok(c[probe], `${name}/${c.name}: no ${probe}`);
          for (const k of ['requests', 'limits']) for (const r of ['cpu', 'memory']) assert.ok(c.resources?.[k]?.[r], `${name}/${c.name}: no ${k}.${r}`);
        }
      }
      const api = find('Deployment', 'ratsinfo-api').spec.template.spec.containers[0];
      assert.equal(api.readinessProbe.httpGet.path, '/health/ready');
      assert.equal(api.livenessProbe.httpGet.path, '/health/live');
      assert.equal(find('Deployment', 'ratsinfo-api').spec.strategy.rollingUpdate.maxUnavailable, 0);
    });

    it('gives a stopping api pod time to drain and to finish its requests (docs/adr/0022)', () => {
      const config = find('ConfigMap', 'ratsinfo-config').data;
      const drain = Number(config.SHUTDOWN_DRAIN_MS);
      const timeout = Number(config.SHUTDOWN_TIMEOUT_MS);
      assert.ok(drain >= 3000, `SHUTDOWN_DRAIN_MS ${config.SHUTDOWN_DRAIN_MS}: endpoints need a moment to drop the pod`);
      assert.ok(timeout > 0);
      const grace = find('Deployment', 'ratsinfo-api').spec.template.spec.terminationGracePeriodSeconds * 1000;
      assert.ok(grace > drain + timeout, `terminationGracePeriodSeconds ${grace / 1000} s <= drain + timeout`);
      assert.ok(find('Deployment', 'ratsinfo-worker').spec.template.spec.terminationGracePeriodSeconds >= 60);
    });

    it('locks down every container of every pod: non-root, no privilege escalation, read-only root, RuntimeDefault seccomp, no capabilities', () => {
      const workloads = allPods.filter((p) => p.spec);
      assert.ok(workloads.length >= 3);
      for (const p of workloads) {
        assert.equal(p.spec.automountServiceAccountToken, false, `${p.owner}: service account token mounted`);
        for (const c of [...(p.spec.initContainers ?? []), ...p.spec.containers]) {
          const sc = c.securityContext ?? {};
          const where = `${p.owner}/${c.name}`;
          assert.equal(sc.runAsNonRoot ?? p.spec.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
          assert.equal(sc.allowPrivilegeEscalation, false, `${where}: allowPrivilegeEscalation`);
          assert.equal(sc.readOnlyRootFilesystem, true, `${where}: readOnlyRootFilesystem`);
          assert.equal((sc.seccompProfile ?? p.spec.securityContext?.seccompProfile)?.type, 'RuntimeDefault', `${where}: seccomp`);
          assert.ok(sc.capabilities?.drop?.includes('ALL'), `${where}: capabilities not dropped`);
          assert.notEqual(sc.privileged, true, where);
          assert.ok(c.volumeMounts?.some((m: { mountPath: string }) => m.mountPath === '/tmp'), `${where}: no writable /tmp`);
          if (overlay === 'production') assert.match(c.image, /:(?!latest$)[\w.-]+$/, `${where}: image ${c.image} not pinned`);
        }
      }
    });

    it('scales api and worker with an HPA and protects them with a PDB', () => {
      for (const name of ['ratsinfo-api', 'ratsinfo-worker']) {
        const d = find('Deployment', name);
        const hpa = objs.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.kind === 'Deployment' && o.spec.scaleTargetRef.name === name);
        assert.ok(hpa, `${name}: no HPA`);
        assert.ok(hpa.spec.maxReplicas > hpa.spec.minReplicas);
        if (overlay === 'production') assert.ok(hpa.spec.minReplicas >= 2, `${name}: production minReplicas ${hpa.spec.minReplicas}`);
        const pdb = objs.find((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector, d.spec.template.metadata.labels));
        assert.ok(pdb, `${name}: no PDB selects its pods`);
      }
    });

    it('runs the migrations as a Job (selected by rollout.sh) with the owner URL from a Secret', () => {
      const job = find('Job', 'ratsinfo-migrate');
      assert.equal(job.metadata.labels?.['app.kubernetes.io/component'], 'migration');
      const c = job.spec.template.spec.containers[0];
      assert.deepEqual(c.command, ['node', 'tools/db/migrate.mts']);
      assert.equal(c.image, find('Deployment', 'ratsinfo-api').spec.template.spec.containers[0].image, 'the Job must run the release being rolled out');
      assert.ok(c.env.find((e: { name: string }) => e.name === 'DATABASE_OWNER_URL')?.valueFrom?.secretKeyRef);
      assert.equal(job.spec.template.spec.restartPolicy, 'Never');
    });

    it('references secrets and never inlines them', () => {
      assert.deepEqual(objs.filter((o) => o.kind === 'Secret' && (o.data || o.stringData)).map((o) => o.metadata.name), []);
      for (const p of allPods.filter((x) => x.spec)) {
        for (const c of p.spec.containers) {
          for (const e of c.env ?? []) {
            if (SECRET_NAME.test(e.name) || /_URL$/.test(e.name) && /DATABASE|REDIS|SMTP/.test(e.name)) {
              assert.ok(e.valueFrom?.secretKeyRef, `${p.owner}/${c.name}: ${e.name} not from a Secret`);
            }
            if (typeof e.value === 'string') assert.doesNotMatch(e.value, /:\/\/[^/@]*:[^/@]*@/, `${p.owner}: ${e.name} has credentials`);
          }
        }
      }
      for (const cm of objs.filter((o) => o.kind === 'ConfigMap')) {
        for (const [k, v] of Object.entries(cm.data ?? {})) {
          assert.doesNotMatch(k, SECRET_NAME, `ConfigMap ${cm.metadata.name}: ${k}`);
          assert.doesNotMatch(String(v), /:\/\/[^/@]*:[^/@]*@/, `ConfigMap ${cm.metadata.name}: ${k} has credentials`);
        }
      }
      if (overlay === 'production') {
        const external = objs.filter((o) => o.kind === 'ExternalSecret').map((o) => o.spec.target.name).sort();
        assert.deepEqual(external, ['ratsinfo-db-app', 'ratsinfo-db-backup-s3', 'ratsinfo-db-owner', 'ratsinfo-secrets']);
      }
    });

    it('NetworkPolicies: deny by default; api only from the ingress controller (and Prometheus); the database only from api, worker and migrations', () => {
      const policies = objs.filter((o) => o.kind === 'NetworkPolicy');
      for (const np of policies) assert.ok(podsOf(np.spec.podSelector).length > 0 || Object.keys(np.spec.podSelector).length === 0, `${np.metadata.name} selects no pod`);
      const denyAll = policies.find((np) => Object.keys(np.spec.podSelector ?? {}).length === 0 && np.spec.policyTypes.includes('Ingress') && !np.spec.ingress);
      assert.ok(denyAll, 'no default-deny ingress policy');

      const [api] = component('api');
      const apiSources = policies.filter((np) => selects(np.spec.podSelector, api.labels)).flatMap((np) => np.spec.ingress ?? []).flatMap((r: any) => r.from ?? [{ anywhere: true }]);
      assert.ok(apiSources.length > 0, 'nothing may reach the api');
      for (const src of apiSources) {
        assert.equal(src.ipBlock, undefined, 'api reachable from an ipBlock');
        const ns = src.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        assert.ok(ns === 'ingress-nginx' || ns === 'monitoring', `api reachable from ${JSON.stringify(src)}`);
      }
      assert.ok(apiSources.some((s: any) => s.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx'), 'the ingress controller cannot reach the api');

      const db = allPods.find((p) => p.owner === 'Cluster/ratsinfo-db');
      assert.ok(db);
      const dbRules = policies.filter((np) => selects(np.spec.podSelector, db.labels)).flatMap((np) => np.spec.ingress ?? []);
      assert.ok(dbRules.length > 0, 'no policy selects the database pods');
      const reaching = new Set<string>();
      for (const rule of dbRules) {
        for (const src of rule.from ?? assert.fail('a database rule without `from` admits everyone')) {
          assert.equal(src.ipBlock, undefined, 'database reachable from an ipBlock');
          if (src.namespaceSelector) {
            assert.equal(src.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'], 'cnpg-system', `database reachable from namespace ${JSON.stringify(src.namespaceSelector)}`);
            continue;
          }
          for (const p of podsOf(src.podSelector)) reaching.add(p.owner);
        }
      }
      assert.deepEqual([...reaching].sort(), ['Cluster/ratsinfo-db', 'Deployment/ratsinfo-api', 'Deployment/ratsinfo-worker', 'Job/ratsinfo-migrate']);
    });

    it('Services and the Ingress reach the api pods; Redis is an external service', () => {
      const svc = find('Service', 'ratsinfo-api');
      assert.deepEqual(podsOf({ matchLabels: svc.spec.selector }).map((p) => p.owner), ['Deployment/ratsinfo-api']);
      const ing = find('Ingress', 'ratsinfo');
      const backends = ing.spec.rules.flatMap((r: any) => r.http.paths.map((p: any) => p.backend.service));
      assert.ok(backends.length > 0);
      for (const b of backends) {
        assert.equal(b.name, 'ratsinfo-api');
        assert.ok(svc.spec.ports.some((p: any) => p.name === b.port.name), `ingress port ${b.port.name}`);
      }
      assert.ok(ing.spec.tls?.length, 'Ingress without TLS');
      const redis = find('Service', 'ratsinfo-redis');
      assert.equal(redis.spec.type, 'ExternalName');
      assert.ok(redis.spec.externalName);
    });

    it('declares a CloudNativePG Cluster whose application role has neither BYPASSRLS nor SUPERUSER', () => {
      const cluster = find('Cluster', 'ratsinfo-db');
      assert.equal(cluster.apiVersion, 'postgresql.cnpg.io/v1');
      assert.equal(cluster.spec.bootstrap.initdb.owner, 'ratsinfo_owner');
      assert.ok(cluster.spec.bootstrap.initdb.secret.name);
      const app = cluster.spec.managed.roles.find((r: { name: string }) => r.name === 'ratsinfo_app');
      assert.ok(app, 'no managed role ratsinfo_app');
      assert.equal(app.bypassrls, false);
      assert.equal(app.superuser, false);
      assert.equal(app.login, true);
      assert.ok(app.passwordSecret?.name);
      const created = cluster.spec.bootstrap.initdb.postInitApplicationSQL.find((s: string) => /CREATE ROLE ratsinfo_app/.test(s));
      assert.match(created, /NOBYPASSRLS/);
      assert.match(created, /NOSUPERUSER/);
      assert.match(cluster.spec.imageName, /postgresql:17/);
      if (overlay === 'production') {
        assert.ok(cluster.spec.instances >= 3);
        assert.ok(cluster.spec.backup?.barmanObjectStore?.destinationPath, 'no WAL archive (PITR)');
        assert.ok(objs.some((o) => o.kind === 'ScheduledBackup' && o.spec.cluster.name === 'ratsinfo-db'));
      }
    });
  });
}

describe('label selector matching (used above)', () => {
  it('matches labels and expressions, and rejects what differs', () => {
    assert.equal(selects({ matchLabels: { a: '1' } }, { a: '1', b: '2' }), true);
    assert.equal(selects({ matchLabels: { a: '1' } }, { a: '2' }), false);
    assert.equal(selects({ matchExpressions: [{ key: 'c', operator: 'In', values: ['x', 'y'] }] }, { c: 'y' }), true);
    assert.equal(selects({ matchExpressions: [{ key: 'c', operator: 'In', values: ['x'] }] }, { c: 'y' }), false);
    assert.equal(selects({ matchExpressions: [{ key: 'c', operator: 'DoesNotExist' }] }, { c: 'y' }), false);
    assert.equal(selects({}, {}), true);
  });
});
