/**
 * A real `redis-server` process (Debian's package; no npm package ships a Redis binary that
 * installs offline). When it is missing and we run as root, Debian's package is installed.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { waitFor } from './ports.mts';

export function ensureRedisServer(log: (m: string) => void = console.log): string {
  const found = spawnSync('sh', ['-c', 'command -v redis-server || ls /usr/bin/redis-server 2>/dev/null'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error('redis-server is not installed. Install it (Debian: apt-get install redis-server) or set REDIS_URL to an existing Redis.');
  }
  log('redis-server not found: installing Debian package redis-server …');
  // policy-rc.d-free way to keep the package from starting its own service where systemd runs it
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'redis-server'], { stdio: 'inherit', env });
  return '/usr/bin/redis-server';
}

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

export function pingRedis(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host }, () => sock.write('PING\r\n'));
    sock.setTimeout(1000, () => {
      sock.destroy();
      resolve(false);
    });
    sock.on('data', (d) => {
      sock.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    sock.on('error', () => resolve(false));
  });
}

export async function startRedis(opts: { port: number; dataDir: string; persistent: boolean; log?: (m: string) => void }): Promise<RedisServer> {
  const bin = ensureRedisServer(opts.log);
  await mkdir(opts.dataDir, { recursive: true });
  const args = ['--port', String(opts.port), '--bind', '127.0.0.1', '--dir', opts.dataDir, '--daemonize', 'no', '--loglevel', 'warning'];
  // Redis carries queues only; the outbox in PostgreSQL is the source of truth. Dev keeps a
  // snapshot for convenience, tests keep nothing.
  args.push('--save', opts.persistent ? '60 1' : '', '--appendonly', 'no');
  const child: ChildProcess = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  child.on('exit', () => (exited = true));
  try {
    await waitFor(`redis-server on port ${opts.port}`, async () => {
      if (exited) throw new Error(output);
      return pingRedis(opts.port);
    }, 15_000, 50);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`redis-server did not start: ${(e as Error).message}\n${output}`);
  }
  return {
    port: opts.port,
    url: `redis://127.0.0.1:${opts.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
