import { CreateBucketCommand, ListMultipartUploadsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadConfig } from '@ratsinfo/api-core';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { newStorageKey } from './file-storage';
import { S3Storage } from './s3-storage';

/**
 * S3Storage against a real MinIO (testcontainers), where a container runtime exists: the parts of
 * the contract s3rver cannot show (real ListMultipartUploads/AbortMultipartUpload, checksums the
 * server verifies). Elsewhere (our CI machines have no Docker engine) the suite is skipped and says
 * so; file-storage.contract.spec.ts runs the whole contract against s3rver.
 */
const runtime = process.env['RATSINFO_CONTAINER_RUNTIME'] === 'available';
const suite = runtime ? describe : describe.skip;
if (!runtime) console.warn(`MinIO storage tests skipped: no container runtime (${process.env['RATSINFO_CONTAINER_RUNTIME_REASON'] ?? 'not detected'})`);

const BUCKET = 'ratsinfo-files';
const MB = 1024 * 1024;

suite('S3Storage against MinIO', () => {
  let container: StartedTestContainer;
  let storage: S3Storage;
  let client: S3Client;

  beforeAll(async () => {
    container = await new GenericContainer('minio/minio:latest')
      .withCommand(['server', '/data'])
      .withEnvironment({ MINIO_ROOT_USER: 'ratsinfo', MINIO_ROOT_PASSWORD: 'ratsinfo-secret' })
      .withExposedPorts(9000)
      .withWaitStrategy(Wait.forHttp('/minio/health/live', 9000))
      .start();
    const endpoint = `http://${container.getHost()}:${container.getMappedPort(9000)}`;
    client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'ratsinfo', secretAccessKey: 'ratsinfo-secret' } });
    await client.send(new CreateBucketCommand({ Bucket: BUCKET }));
    storage = new S3Storage(
      loadConfig({
        DATABASE_URL: 'postgresql://x',
        REDIS_URL: 'redis://x',
        FILE_STORAGE: 's3',
        S3_ENDPOINT: endpoint,
        S3_BUCKET: BUCKET,
        S3_ACCESS_KEY_ID: 'ratsinfo',
        S3_SECRET_ACCESS_KEY: 'ratsinfo-secret',
        S3_FORCE_PATH_STYLE: 'true',
        S3_CHECKSUM_ALGORITHM: 'SHA256',
      }),
    );
  }, 180_000);
  afterAll(async () => {
    storage?.onModuleDestroy();
    client?.destroy();
    await container?.stop();
  });

  const read = async (s: Readable) => Buffer.concat(await s.toArray());

  it('stores with a SHA-256 checksum, reads by range, stats, deletes twice', async () => {
    const key = newStorageKey(randomUUID());
    expect(await storage.put(key, Readable.from([Buffer.from('Hallo Rathaus')]))).toBe(13);
    expect((await read(await storage.get(key, { start: 0, end: 0 }))).toString()).toBe('H');
    expect((await read(await storage.get(key, { start: 6, end: 12 }))).toString()).toBe('Rathaus');
    expect(await storage.stat(key)).toMatchObject({ size: 13 });
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
  });

  it('MinIO refuses bytes that do not match their checksum (what the adapter relies on)', async () => {
    await expect(
      client.send(new PutObjectCommand({ Bucket: BUCKET, Key: newStorageKey(randomUUID()), Body: Buffer.from('echt'), ChecksumSHA256: Buffer.alloc(32).toString('base64') })),
    ).rejects.toThrow();
  });

  it('a stream failing after 20 MB leaves no object and no pending multipart upload', async () => {
    const key = newStorageKey(randomUUID());
    let sent = 0;
    const block = randomBytes(64 * 1024);
    const failing = new Readable({
      read() {
        if (sent >= 20 * MB) return void this.destroy(new Error('connection lost'));
        sent += block.length;
        this.push(block);
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection lost');
    expect(await storage.stat(key)).toBeNull();
    const pending = await client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    expect(pending.Uploads ?? []).toEqual([]);
  });
});
