/**
 * A real SMTP server for development and tests: maildev (npm), as its own process. Mails sent
 * to its SMTP port are kept and shown in its web view; tests read them over its REST API
 * (`GET /api/email`, `DELETE /api/email/all`).
 */
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { waitFor } from './ports.mts';
import { startProcess, type Managed } from './processes.mts';

export interface MailServer {
  smtpUrl: string;
  /** Web view and REST API. */
  webUrl: string;
  stop(): Promise<void>;
}

export async function startMaildev(opts: { smtpPort: number; webPort: number; mailDir: string | null; log: (m: string) => void }): Promise<MailServer> {
  const bin = join(resolve(import.meta.dirname, '../..'), 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const args = [bin, '--smtp', String(opts.smtpPort), '--web', String(opts.webPort), '--ip', '127.0.0.1', '--web-ip', '127.0.0.1', '--silent'];
  if (opts.mailDir) {
    await mkdir(opts.mailDir, { recursive: true });
    args.push('--mail-directory', opts.mailDir, '--max-emails', '5000');
  }
  let output = '';
  const proc: Managed = startProcess('maildev', process.execPath, args, { cwd: process.cwd(), env: { ...process.env, NODE_ENV: 'production' }, output: (l) => (output += `${l}\n`) });
  let exited = false;
  void proc.exited.then(() => (exited = true));
  const webUrl = `http://127.0.0.1:${opts.webPort}`;
  try {
    await waitFor(`maildev on ports ${opts.smtpPort}/${opts.webPort}`, async () => {
      if (exited) throw new Error(`maildev exited: ${output.slice(-2000)}`);
      return (await fetch(`${webUrl}/api/email`)).ok;
    }, 30_000, 200);
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return { smtpUrl: `smtp://127.0.0.1:${opts.smtpPort}`, webUrl, stop: () => proc.stop() };
}
