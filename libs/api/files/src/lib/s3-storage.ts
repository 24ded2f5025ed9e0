import {
  AbortMultipartUploadCommand,
  type ChecksumAlgorithm,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { Readable, Transform } from 'node:stream';
import { type ByteRange, FileStorage, STORAGE_KEY, type StoredBlob } from './file-storage';

/**
 * Parts of a multipart upload: S3's minimum, 5 MiB (10,000 parts: objects up to about 48 GiB). About
 * QUEUE_SIZE + 1 parts are in memory at once (two being sent, one being gathered).
 */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * FileStorage on an S3-compatible object store (AWS S3, MinIO, Ceph RGW; docs/adr/0021). Keys are
 * the storage keys themselves (`<tenant>/<uuid>`) in one bucket.
 *
 * - `put` streams: `Upload` (lib-storage) cuts the stream into 5 MiB parts, sends a small blob as one
 *   PutObject and a large one as a multipart upload, holding at most three parts in memory. Either
 *   becomes visible only when complete (S3's PUT and CompleteMultipartUpload are atomic), and on a
 *   failing stream the multipart upload is aborted, so nothing is left. Should that abort itself
 *   fail (the store is unreachable), `removeStaleTemporaries` aborts the leftover later.
 * - Server-side checksums: every part carries `x-amz-checksum-<algorithm>` (S3_CHECKSUM_ALGORITHM,
 *   CRC32 by default), which the store verifies before it accepts the bytes. `none` sends none, for
 *   stores that refuse the header (see the ADR for what we found in which store).
 */
@Injectable()
export class S3Storage extends FileStorage implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly checksum: ChecksumAlgorithm | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when FILE_STORAGE=s3');
    this.bucket = config.S3_BUCKET;
    this.checksum = config.S3_CHECKSUM_ALGORITHM === 'none' ? undefined : config.S3_CHECKSUM_ALGORITHM;
    const options: S3ClientConfig = {
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      // Only the checksums we ask for; the SDK's automatic ones would wrap streams in aws-chunked
      // encoding with trailers, which not every S3-compatible store understands.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
      // Without keys in the environment the SDK's default chain applies (instance/pod roles).
      ...(config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } }
        : {}),
    };
    this.client = new S3Client(options);
  }

  private key(key: string): string {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return key;
  }

  async put(key: string, content: Readable): Promise<number> {
    const Key = this.key(key);
    let bytes = 0;
    let sourceError: unknown;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(null, chunk);
      },
    });
    content.on('error', (e) => {
      sourceError ??= e;
      counted.destroy(e);
    });
    content.pipe(counted);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key, Body: counted, ContentType: 'application/octet-stream', ...(this.checksum ? { ChecksumAlgorithm: this.checksum } : {}) },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (e) {
      content.unpipe(counted);
      counted.destroy();
      // The stream's own error is the cause; an error of the abort that followed it would hide it.
      throw sourceError ?? e;
    }
    if (sourceError) {
      // The source failed after the last part was read: the blob may exist, but it is not the whole content.
      await this.delete(key).catch(() => undefined);
      throw sourceError;
    }
    return bytes;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const Key = this.key(key);
    let out;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    } catch (e) {
      // The port's "missing" is ENOENT, as with the local folder (exports skip or answer 410 on it).
      if (isNotFound(e)) throw Object.assign(new Error(`no blob ${key}`), { code: 'ENOENT', cause: e });
      throw e;
    }
    const body = out.Body;
    if (body instanceof Readable) return body;
    if (body && typeof (body as { transformToWebStream?: unknown }).transformToWebStream === 'function') {
      return Readable.fromWeb((body as { transformToWebStream(): Parameters<typeof Readable.fromWeb>[0] }).transformToWebStream());
    }
    throw new Error(`s3: no body for ${key}`);
  }

  async stat(key: string): Promise<StoredBlob | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      return { key, size: head.ContentLength ?? 0, modifiedAt: head.LastModified ?? new Date(0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  async *list(): AsyncIterable<StoredBlob> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token, MaxKeys: 1000 }));
      for (const o of page.Contents ?? []) {
        if (o.Key && STORAGE_KEY.test(o.Key)) yield { key: o.Key, size: o.Size ?? 0, modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Multipart uploads begun before `before` and never completed nor aborted (a process died mid-upload): aborted. */
  async removeStaleTemporaries(before: Date): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }));
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= before) continue;
        try {
          await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
          removed++;
        } catch (e) {
          if (!isNotFound(e)) throw e; // completed or aborted meanwhile
        }
      }
      const more = page.IsTruncated === true;
      keyMarker = more ? page.NextKeyMarker : undefined;
      uploadIdMarker = more ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return removed;
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.name === 'NoSuchUpload' || err?.$metadata?.httpStatusCode === 404;
}
