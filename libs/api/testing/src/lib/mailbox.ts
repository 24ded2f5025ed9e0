/**
 * The mails maildev (the real SMTP server the test command starts) received, over its REST API.
 * Tests use unique recipient addresses (or clear the box) so that parallel suites do not mix.
 */
export interface ReceivedMail {
  id: string;
  subject: string;
  time: string;
  from: { address: string; name: string }[];
  to: { address: string; name: string }[];
  headers: Record<string, string | string[]>;
  attachments?: { fileName?: string; filename?: string; contentType: string; generatedFileName?: string }[];
  text?: string;
  html?: string;
}

export function maildevUrl(): string {
  const url = process.env['MAILDEV_URL'];
  if (!url) throw new Error('MAILDEV_URL is not set: run the tests with `npm test` (or tools/test/with-stack.mts), which starts maildev.');
  return url.replace(/\/$/, '');
}

export async function receivedMails(filter: (m: ReceivedMail) => boolean = () => true): Promise<ReceivedMail[]> {
  const res = await fetch(`${maildevUrl()}/api/email`);
  if (!res.ok) throw new Error(`maildev answered ${res.status}`);
  return ((await res.json()) as ReceivedMail[]).filter(filter);
}

/** Waits until `filter` matches at least `count` mails, and returns them; rejects after `timeoutMs`. */
export async function waitForMails(count: number, filter: (m: ReceivedMail) => boolean, timeoutMs = 60_000): Promise<ReceivedMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = await receivedMails(filter);
    if (mails.length >= count) return mails;
    if (Date.now() > until) throw new Error(`expected ${count} mails, maildev has ${mails.length} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The raw source of one mail (RFC 5322, with attachments). */
export async function mailSource(id: string): Promise<string> {
  const res = await fetch(`${maildevUrl()}/api/email/${encodeURIComponent(id)}/source`);
  if (!res.ok) throw new Error(`maildev answered ${res.status}`);
  return res.text();
}

export function sentTo(address: string): (m: ReceivedMail) => boolean {
  const a = address.toLowerCase();
  return (m) => m.to.some((t) => t.address.toLowerCase() === a);
}
