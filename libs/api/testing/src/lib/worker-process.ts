import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A real worker process (the build in WORKER_MAIN, which `npm test` makes before the tests) for
 * tests that need jobs to run: relay, mail, extraction, bundles, exports. Its own process group,
 * so that `kill('SIGKILL')` is a real crash.
 */
export interface WorkerProcess {
  pid: number;
  /** Everything it wrote so far (pino JSON lines and test hook lines). */
  output(): string;
  /** Resolves when the output matches (checked on every new chunk); rejects after `timeoutMs`. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
  /** SIGTERM (graceful: running jobs finish), SIGKILL after 15 s; resolves when it has exited. */
  stop(): Promise<void>;
  exited: Promise<number | null>;
}

export async function startWorkerProcess(opts: { env?: Record<string, string>; readyTimeoutMs?: number } = {}): Promise<WorkerProcess> {
  const main = process.env['WORKER_MAIN'];
  if (!main || !existsSync(main)) {
    throw new Error('WORKER_MAIN does not name a built worker: `npm test` builds it; by hand: npx nx build worker && export WORKER_MAIN=$PWD/dist/apps/worker/main.js');
  }
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', OUTBOX_POLL_MS: '50', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const waiters = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const w of [...waiters]) w();
  });

  const waitForOutput = (pattern: RegExp, timeoutMs = 60_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(out)) {
          done();
          resolve();
        } else if (hasExited) {
          done();
          reject(new Error(`the worker exited before printing ${pattern}:\n${out.slice(-3000)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`the worker did not print ${pattern} within ${timeoutMs} ms:\n${out.slice(-3000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.pid === undefined || hasExited) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      /* gone */
    }
  };
  const stop = async () => {
    if (hasExited) return;
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForOutput(/Ratsinfo worker ready/, opts.readyTimeoutMs ?? 60_000);
  } catch (e) {
    kill('SIGKILL');
    throw e;
  }
  return { pid: child.pid ?? 0, output: () => out, waitForOutput, kill, stop, exited };
}
