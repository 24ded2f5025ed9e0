import type { INestApplication } from '@nestjs/common';
import { connect, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';
import { type SearchResult, SearchRoutes } from '@ratsinfo/contracts';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * The demo seed's documents are searchable without a re-index step: the database's triggers
 * wrote them with the seed, and the worker's text extraction (OCR of the seeded scan) updates the
 * file's document in its own transaction, so the portal of Burg finds "Kiebitzwiese".
 */
jest.setTimeout(300_000);

let app: INestApplication;
let base: string;
let owner: Client;
let worker: WorkerProcess;

beforeAll(async () => {
  // The superuser: it reads every tenant's rows (the owner role is under forced row-level security too).
  owner = await connect(testEnv().adminUrl);
  ({ app, base } = await startHttpApp());
});

afterAll(async () => {
  await worker?.stop();
  await app.close();
  await owner.end();
});

const search = async (q: string): Promise<SearchResult> => {
  const res = await fetch(`${base}${SearchRoutes.portal('burg')}?${new URLSearchParams({ q })}`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResult;
};

it('has a search document for every seeded paper, meeting, agenda item and file', async () => {
  const { rows } = await owner.query<{ kind: string; missing: number }>(
    `SELECT 'paper' AS kind, count(*)::int AS missing FROM papers p WHERE p.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.entity_type = 'paper' AND d.entity_id = p.id)
     UNION ALL SELECT 'meeting', count(*)::int FROM meetings m WHERE m.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.entity_type = 'meeting' AND d.entity_id = m.id)
     UNION ALL SELECT 'agenda_item', count(*)::int FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id WHERE a.deleted_at IS NULL AND m.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.entity_type = 'agenda_item' AND d.entity_id = a.id)
     UNION ALL SELECT 'file', count(*)::int FROM files f WHERE f.deleted_at IS NULL AND f.person_id IS NULL AND NOT EXISTS (SELECT 1 FROM search_documents d WHERE d.entity_type = 'file' AND d.entity_id = f.id)`,
  );
  // UNION ALL keeps no order of its own.
  expect([...rows].sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([
    { kind: 'agenda_item', missing: 0 },
    { kind: 'file', missing: 0 },
    { kind: 'meeting', missing: 0 },
    { kind: 'paper', missing: 0 },
  ]);
});

it('finds the OCR word of the seeded scan in Burg once the worker extracted it', async () => {
  // Other suites' workers may have read the scan already (the test command runs them in one
  // database); before the text is there, the word must not be found.
  const read = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM file_versions WHERE text LIKE '%Kiebitzwiese%'`);
  if (read.rows[0]!.n === 0) expect((await search('Kiebitzwiese')).data).toEqual([]);
  worker = await startWorkerProcess();
  let hits: SearchResult['data'] = [];
  for (let i = 0; i < 240 && hits.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    hits = (await search('Kiebitzwiese')).data;
  }
  expect(hits).toEqual([expect.objectContaining({ kind: 'file', target: expect.objectContaining({ kind: 'paper' }) })]);
  expect(hits[0]!.snippet).toContainEqual({ text: 'Kiebitzwiese', match: true });
});
