import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { startMaildev, type MailServer } from '../../../tools/services/maildev.mts';
import { freePort } from '../../../tools/services/ports.mts';
import type { DevIdp } from './server.mts';
import { PROVISIONER_SECRET, startTestIdp } from './testing.mts';

interface MaildevMail {
  subject: string;
  to: { address: string }[];
  text?: string;
}

async function mailsTo(webUrl: string, address: string): Promise<MaildevMail[]> {
  const res = await fetch(`${webUrl}/api/email`);
  assert.equal(res.status, 200);
  return ((await res.json()) as MaildevMail[]).filter((m) => m.to.some((t) => t.address.toLowerCase() === address));
}

async function waitForMail(webUrl: string, address: string, timeoutMs = 15_000): Promise<MaildevMail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [m] = await mailsTo(webUrl, address);
    if (m) return m;
    if (Date.now() > until) throw new Error(`no mail to ${address} in maildev after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function adminClient(idp: DevIdp): Promise<KcAdminClient> {
  const kc = new KcAdminClient({ baseUrl: idp.url, realmName: 'master' });
  await kc.auth({ grantType: 'client_credentials', clientId: 'ratsinfo-provisioner', clientSecret: PROVISIONER_SECRET });
  kc.setConfig({ realmName: 'ratsinfo' });
  return kc;
}

describe('action e-mails over SMTP (smtpUrl)', () => {
  let maildev: MailServer;
  let idp: DevIdp;
  const logs: string[] = [];

  before(async () => {
    maildev = await startMaildev({ smtpPort: await freePort(), webPort: await freePort(), mailDir: null, log: () => undefined });
    idp = await startTestIdp({ smtpUrl: maildev.smtpUrl, log: (m) => logs.push(m) });
  });
  after(async () => {
    await idp?.stop();
    await maildev?.stop();
  });

  it('sends the invitation (execute-actions e-mail) to maildev, and still records and logs it', async () => {
    const kc = await adminClient(idp);
    const user = await kc.users.create({ username: 'smtp.test', email: 'smtp.test@example.org', firstName: 'Sina', lastName: 'Test', enabled: true, requiredActions: ['UPDATE_PASSWORD'] });
    await kc.users.executeActionsEmail({ id: user.id, actions: ['UPDATE_PASSWORD'], lifespan: 3600 });

    const mail = await waitForMail(maildev.webUrl, 'smtp.test@example.org');
    assert.equal(mail.subject.length > 0, true);
    assert.match(mail.text ?? '', /Guten Tag Sina Test,/);
    assert.match(mail.text ?? '', new RegExp(`${idp.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/realms/ratsinfo/login-actions/action-token\\?key=`));

    const recorded = await fetch(`${idp.url}/admin/dev/emails?to=smtp.test@example.org`, { headers: { authorization: `Bearer ${kc.accessToken}` } });
    const [entry] = (await recorded.json()) as { subject: string; link: string }[];
    assert.ok(entry, 'still recorded for /admin/dev/emails');
    assert.equal(entry.subject, mail.subject);
    assert.ok((mail.text ?? '').includes(entry.link), 'the mail carries the recorded link');
    assert.ok(logs.some((l) => l.startsWith('[idp] execute-actions e-mail to smtp.test@example.org')));
    assert.equal((await mailsTo(maildev.webUrl, 'smtp.test@example.org')).length, 1);
  });

  it('a failing SMTP server is logged and does not fail the request', async () => {
    const deadPort = await freePort();
    const logs2: string[] = [];
    const idp2 = await startTestIdp({ smtpUrl: `smtp://127.0.0.1:${deadPort}`, log: (m) => logs2.push(m) });
    try {
      const kc = await adminClient(idp2);
      const user = await kc.users.create({ username: 'smtp.down', email: 'smtp.down@example.org', enabled: true });
      await kc.users.executeActionsEmail({ id: user.id, actions: ['UPDATE_PASSWORD'] });
      const until = Date.now() + 10_000;
      while (!logs2.some((l) => l.includes('could not send the e-mail to smtp.down@example.org')) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      assert.ok(logs2.some((l) => l.includes('could not send the e-mail to smtp.down@example.org')), logs2.join('\n'));
    } finally {
      await idp2.stop();
    }
  });
});
