/** Type-checks every tsconfig of one project (app/lib sources and specs): node typecheck.mts <projectRoot> */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const project = process.argv[2];
if (!project) throw new Error('usage: typecheck.mts <projectRoot>');
const tsc = join(root, 'node_modules', '.bin', 'tsc');
const configs = ['tsconfig.app.json', 'tsconfig.lib.json', 'tsconfig.spec.json', 'tsconfig.e2e.json', 'tsconfig.json']
  .map((f) => join(root, project, f))
  .filter((f) => existsSync(f));
// A tsconfig.json that only references the others has nothing of its own to check.
const own = configs.length > 1 ? configs.filter((f) => !f.endsWith('/tsconfig.json')) : configs;
let failed = false;
for (const config of own) {
  const r = spawnSync(tsc, ['--noEmit', '-p', config], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
