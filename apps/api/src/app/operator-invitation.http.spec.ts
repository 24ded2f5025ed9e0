import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { completeInvitation, passwordGrant, sentMails, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, type ListResponse, type OperatorTenantDto, type ProvisioningStepDto, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import { createApp } from './create-app';

/**
 * The first administrator in the operator console, against the dev IdP of the test stack: who it
 * is and whether the invitation was taken up (GET /api/operator/tenants/{id}), and re-sending the
 * invitation (POST …/invitation): operators only, audited, 409 once the admin has signed in.
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
/** The onboarding steps run in the worker. */
let worker: WorkerProcess;

beforeAll(async () => {
  const env = testEnv();
  app = await createApp(
    loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: env.authUrl, KEYCLOAK_ADMIN_CLIENT_SECRET: env.provisionerSecret }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  worker = await startWorkerProcess();
});

afterAll(async () => {
  await worker?.stop();
  await app.close();
});

async function call<T>(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

async function waitForSteps(id: string, token: string): Promise<ProvisioningStepDto[]> {
  for (let i = 0; i < 200; i++) {
    const r = await call<ListResponse<ProvisioningStepDto>>('GET', ApiRoutes.operatorTenantProvisioning(id), token);
    if (r.body.data.every((s) => s.state === 'done') || r.body.data.some((s) => s.state === 'failed')) return r.body.data;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('provisioning did not finish');
}

describe('the first administrator of an onboarded authority', () => {
  it('is shown with the invitation state; the invitation can be re-sent until they sign in', async () => {
    const operator = await passwordGrant('operator', 'demo');
    const suffix = randomUUID().slice(0, 6);
    const email = `greta.wolf.${suffix}@loburg.example.org`;
    const created = await call<OperatorTenantDto>('POST', ApiRoutes.operatorTenants, operator, {
      name: 'Stadt Loburg',
      kind: 'town',
      // Unique per run: the AGS of a member authority is unique.
      ags: `1508${String(Date.now()).slice(-4)}`,
      slug: `loburg-${suffix}`,
      firstAdmin: { firstName: 'Greta', lastName: 'Wolf', email },
    });
    expect(created.status).toBe(201);
    expect((await waitForSteps(created.body.id, operator)).every((s) => s.state === 'done')).toBe(true);

    const before = await call<OperatorTenantDto>('GET', ApiRoutes.operatorTenant(created.body.id), operator);
    expect(before.body.status).toBe('active');
    expect(before.body.firstAdmin).toEqual({ name: 'Greta Wolf', email, signedIn: false, lastSeenAt: null, invitedAt: expect.any(String) });

    // Only operators may re-send it.
    const tenantAdmin = await passwordGrant('burg-admin', 'demo');
    const refused = await call<{ type: string }>('POST', ApiRoutes.operatorTenantInvitation(created.body.id), tenantAdmin);
    expect(refused.status).toBe(403);

    const mailsBefore = (await sentMails()).filter((m) => m.to === email).length;
    const resent = await call<OperatorTenantDto>('POST', ApiRoutes.operatorTenantInvitation(created.body.id), operator);
    expect(resent.status).toBe(202);
    expect(resent.body.firstAdmin?.signedIn).toBe(false);
    const mails = (await sentMails()).filter((m) => m.to === email);
    expect(mails).toHaveLength(mailsBefore + 1);
    expect(mails.at(-1)?.actions).toEqual(['UPDATE_PASSWORD', 'VERIFY_EMAIL']);

    // Audited in the cooperative audit log, with who did it.
    const audit = await call<ListResponse<AuditEventDto>>('GET', `${ApiRoutes.operatorAudit}?limit=20`, operator);
    const event = audit.body.data.find((e) => e.action === 'tenant.invitation-resent' && e.tenantSlug === created.body.slug);
    expect(event).toMatchObject({ actingRole: 'operator', actor: { name: 'Olaf Betreiber' }, changes: { email, name: 'Stadt Loburg' } });

    // The admin accepts the (latest) invitation and signs in: the console shows it, re-sending is refused.
    await completeInvitation(mails.at(-1)!.link, 'Sitzung2026!');
    const adminToken = await passwordGrant(email, 'Sitzung2026!');
    expect((await call('GET', ApiRoutes.officeSession(created.body.slug), adminToken)).status).toBe(200);
    const after = await call<OperatorTenantDto>('GET', ApiRoutes.operatorTenant(created.body.id), operator);
    expect(after.body.firstAdmin).toMatchObject({ email, signedIn: true, lastSeenAt: expect.any(String) });
    const again = await call<{ type: string; detail: string }>('POST', ApiRoutes.operatorTenantInvitation(created.body.id), operator);
    expect(again.status).toBe(409);
    expect(again.body.type).toBe(ProblemType.conflict);
    expect((await sentMails()).filter((m) => m.to === email)).toHaveLength(mailsBefore + 1);
  });

  it('answers 409 for an authority not onboarded through the console and 404 for an unknown one', async () => {
    const operator = await passwordGrant('operator', 'demo');
    const list = await call<ListResponse<OperatorTenantDto>>('GET', ApiRoutes.operatorTenants, operator);
    const burg = list.body.data.find((t) => t.slug === 'burg')!;
    const detail = await call<OperatorTenantDto>('GET', ApiRoutes.operatorTenant(burg.id), operator);
    expect(detail.body.firstAdmin).toBeNull();
    const seeded = await call<{ type: string }>('POST', ApiRoutes.operatorTenantInvitation(burg.id), operator);
    expect(seeded.status).toBe(409);
    expect(seeded.body.type).toBe(ProblemType.conflict);
    expect((await call('POST', ApiRoutes.operatorTenantInvitation(randomUUID()), operator)).status).toBe(404);
  });
});
