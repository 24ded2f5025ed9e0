import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * An S3-compatible server for tests: `s3rver` (plain JS, a devDependency) in its own process on a
 * free loopback port over a temporary folder, with one bucket. Its own process, so a test that
 * bounds the memory of an upload measures the client only.
 *
 * s3rver implements neither ListMultipartUploads nor AbortMultipartUpload (it answers 501/405).
 * Both are added here over s3rver's own upload folder (`<bucket>/._S3rver_uploads/<uploadId>/`),
 * so that the adapter's abort-on-failure and stale-upload sweep run against a server, not a mock;
 * MinIO (file-storage.minio.spec.ts, where a container runtime exists) has the real thing.
 */
export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The folder s3rver keeps objects and pending multipart uploads in. */
  directory: string;
  /** Environment for the API/worker config (FILE_STORAGE=s3 and the S3_* variables). */
  env: Record<string, string>;
  /** PUT and POST requests the server received since the last call, with their checksum headers. */
  takeRequests(): Promise<{ method: string; path: string; query: string; checksums: Record<string, string> }[]>;
  /** Pending multipart upload ids (straight from s3rver's folder). */
  pendingUploads(): Promise<string[]>;
  stop(): Promise<void>;
}

const SERVER = String.raw`
const S3rver = require('s3rver');
const fs = require('node:fs');
const path = require('node:path');
const [directory, bucket] = process.argv.slice(1);
const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
const uploads = path.join(directory, bucket, '._S3rver_uploads');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const seen = [];
server.middleware.unshift(async (ctx, next) => {
  const url = new URL(ctx.url, 'http://x');
  const parts = url.pathname.split('/').filter(Boolean);
  if (ctx.method === 'GET' && url.pathname === '/__requests') {
    ctx.type = 'application/json';
    ctx.body = JSON.stringify(seen.splice(0));
    return;
  }
  if (ctx.method === 'PUT' || ctx.method === 'POST') {
    const checksums = Object.fromEntries(Object.entries(ctx.headers).filter(([h]) => h.startsWith('x-amz-checksum') || h === 'x-amz-sdk-checksum-algorithm' || h === 'content-encoding'));
    seen.push({ method: ctx.method, path: url.pathname, query: url.search, checksums });
  }
  if (ctx.method === 'GET' && parts.length === 1 && parts[0] === bucket && url.searchParams.has('uploads')) {
    const ids = fs.existsSync(uploads) ? fs.readdirSync(uploads) : [];
    const items = ids.map((id) => {
      const dir = path.join(uploads, id);
      const key = fs.readFileSync(path.join(dir, 'key'), 'utf8');
      return '<Upload><Key>' + esc(key) + '</Key><UploadId>' + esc(id) + '</UploadId><Initiated>' + fs.statSync(dir).birthtime.toISOString() + '</Initiated></Upload>';
    });
    ctx.type = 'application/xml';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?><ListMultipartUploadsResult><Bucket>' + bucket + '</Bucket><IsTruncated>false</IsTruncated>' + items.join('') + '</ListMultipartUploadsResult>';
    return;
  }
  if (ctx.method === 'DELETE' && parts[0] === bucket && parts.length > 1 && url.searchParams.has('uploadId')) {
    const dir = path.join(uploads, path.basename(url.searchParams.get('uploadId')));
    if (!fs.existsSync(dir)) {
      ctx.status = 404;
      ctx.type = 'application/xml';
      ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchUpload</Code><Message>no such upload</Message></Error>';
      return;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    ctx.status = 204;
    return;
  }
  return next();
});
server.run().then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\n'), (e) => { console.error(e); process.exit(1); });
process.on('SIGTERM', () => process.exit(0));
`;

export async function startS3Server(bucket = 'ratsinfo-files'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'ratsinfo-s3rver-'));
  const child: ChildProcess = spawn(process.execPath, ['-e', SERVER, directory, bucket], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within 20 s: ${err}`)), 20_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code}): ${err}`));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const uploads = join(directory, bucket, '._S3rver_uploads');
  return {
    endpoint,
    bucket,
    directory,
    env: {
      FILE_STORAGE: 's3',
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    async takeRequests() {
      const res = await fetch(`${endpoint}/__requests`);
      return (await res.json()) as Awaited<ReturnType<S3Server['takeRequests']>>;
    },
    async pendingUploads() {
      return readdir(uploads).catch(() => []);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      await rm(directory, { recursive: true, force: true });
    },
  };
}
