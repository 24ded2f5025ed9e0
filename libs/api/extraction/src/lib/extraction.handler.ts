import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { FileStorage, TEXT_EXTRACTION_TOPIC } from '@ratsinfo/api-files';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ExtractionFailure } from './limited-process';
import { extractText, type ExtractionResult } from './text-extractor';

const payloadSchema = z.object({ fileId: z.uuid(), versionNumber: z.number().int().min(1) });

/** file_versions.text_extraction_error is VARCHAR(500). */
const REASON_MAX = 500;

/** Where the handler keeps its temporary copies (tests point it at a folder they inspect). */
export const EXTRACTION_TEMP_DIR_ENV = 'EXTRACTION_TEMP_DIR';

/**
 * `file.text-extraction-requested {fileId, versionNumber}`: reads the text of one file version
 * (text-extractor.ts, child processes with limits) and stores it on the version.
 *
 * - Idempotent: a version with a text or a recorded failure is left alone, and the store only
 *   writes a version that has neither (two workers with the same job cannot both write).
 * - A file that cannot be read (broken, too slow, crashing the parser) is recorded in
 *   `text_extraction_error` ("<kind>: <detail>") and the job ends normally: no retry can fix it.
 * - The page limit is not a failure: the text of the pages read is stored, with
 *   `text_extracted_at`, and `text_extraction_error` notes "page-limit: read N of M pages".
 * - Our own failures (storage unreachable, tools missing, database) throw: the job retries.
 */
@Injectable()
export class TextExtractionHandler implements OutboxHandler, OnModuleInit {
  private readonly logger = new Logger(TextExtractionHandler.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly db: TenantDatabase,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(TEXT_EXTRACTION_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = payloadSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${TEXT_EXTRACTION_TOPIC} needs { fileId, versionNumber }`);
    const { fileId, versionNumber } = p.data;
    const version = await this.db.transaction((tx) =>
      tx.fileVersion.findFirst({
        where: { fileId, number: versionNumber },
        select: { id: true, mimeType: true, storageKey: true, textExtractedAt: true, textExtractionError: true },
      }),
    );
    // Gone (the file was deleted with its versions) or done before: nothing to do.
    if (!version || version.textExtractedAt !== null || version.textExtractionError !== null) return;

    const tempRoot = process.env[EXTRACTION_TEMP_DIR_ENV] || tmpdir();
    const work = await mkdtemp(join(tempRoot, 'ratsinfo-file-'));
    const started = Date.now();
    let outcome: { result: ExtractionResult } | { failure: string };
    try {
      const path = join(work, 'content');
      // Storage failures are ours: they throw and the job retries.
      await pipeline(await this.storage.get(version.storageKey), createWriteStream(path, { flags: 'wx' }));
      try {
        outcome = {
          result: await extractText(path, version.mimeType, {
            maxPages: this.config.EXTRACTION_MAX_PAGES,
            timeoutMs: this.config.EXTRACTION_TIMEOUT_MS,
            tempRoot,
          }),
        };
      } catch (e) {
        if (!(e instanceof ExtractionFailure)) throw e;
        outcome = { failure: e.reason };
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }

    const ms = Date.now() - started;
    if ('failure' in outcome) {
      const reason = outcome.failure.slice(0, REASON_MAX);
      await this.db.transaction((tx) =>
        tx.fileVersion.updateMany({
          where: { id: version.id, textExtractedAt: null, textExtractionError: null },
          data: { textExtractionError: reason, textExtractionMethod: null },
        }),
      );
      this.logger.warn({ fileId, versionNumber, ms }, `text extraction failed: ${reason}`);
      return;
    }
    const r = outcome.result;
    await this.db.transaction((tx) =>
      tx.fileVersion.updateMany({
        where: { id: version.id, textExtractedAt: null, textExtractionError: null },
        data: {
          text: r.method === 'none' ? null : r.text,
          textExtractedAt: new Date(),
          textExtractionMethod: r.method,
          textPageCount: r.pages,
          textExtractionError: r.note?.slice(0, REASON_MAX) ?? null,
        },
      }),
    );
    this.logger.log({ fileId, versionNumber, method: r.method, pages: r.pages, chars: r.text.length, ms }, `text extracted (${r.method})`);
  }
}
