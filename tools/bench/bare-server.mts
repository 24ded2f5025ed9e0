/**
 * The yardstick of `npm run bench`: a bare node:http server that answers each recorded path with
 * exactly the bytes, status and headers the API gave for it. It runs in its own process, like
 * the API, so that both compete with the load generator on equal terms.
 *   node tools/bench/bare-server.mts <recordings.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

export interface Recording {
  path: string;
  /** Sent as request headers (e.g. If-None-Match for the conditional GET). */
  requestHeaders: Record<string, string>;
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
  /**
   * Answer every path with this path's part before `?` (scenarios that send a different query
   * each time, e.g. search words, so that the API cannot answer from its cache): the recorded
   * bytes stand for all of them.
   */
  anyQuery?: boolean;
}

const [file, port] = process.argv.slice(2);
if (!file || !port) {
  console.error('usage: node tools/bench/bare-server.mts <recordings.json> <port>');
  process.exit(2);
}
const recordings = JSON.parse(readFileSync(file, 'utf8')) as Recording[];
// Keyed by path and the conditional header, so the 304 case answers 304 here too.
const key = (path: string, inm: string | undefined) => `${path}\n${inm ?? ''}`;
const answers = new Map(recordings.map((r) => [key(r.path, r.requestHeaders['if-none-match']), { ...r, body: Buffer.from(r.bodyBase64, 'base64') }]));
const byPathname = new Map(recordings.filter((r) => r.anyQuery).map((r) => [r.path.split('?')[0] ?? '', answers.get(key(r.path, r.requestHeaders['if-none-match']))]));

createServer((req, res) => {
  const inm = req.headers['if-none-match'];
  const a = answers.get(key(req.url ?? '', typeof inm === 'string' ? inm : undefined)) ?? byPathname.get((req.url ?? '').split('?')[0] ?? '');
  if (!a) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(a.status, a.headers);
  res.end(a.body);
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'));
