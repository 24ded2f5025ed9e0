import { testEnv } from '@ratsinfo/api-testing';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * schema.prisma and prisma/migrations must describe the same database. Checked with Prisma's
 * own schema engine (WASM build, tools/db/schema-engine.mts): exit 0 = same, 2 = drift.
 */
const root = join(__dirname, '../../../../..');

function diff(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'tools/db/schema-engine.mts'), 'diff', ...args, '--to-schema', '--script'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('schema.prisma against the migrations', () => {
  it('matches the database that the migrations built (tables, columns, types, nullability, relations)', () => {
    const r = diff(['--from-url', testEnv().ownerUrl]);
    expect({ code: r.code, out: r.code === 0 ? '' : r.out }).toEqual({ code: 0, out: '' });
  });

  it('matches the migrations replayed into a shadow database', () => {
    const r = diff(['--from-migrations', '--shadow-admin-url', testEnv().adminUrl]);
    expect({ code: r.code, out: r.code === 0 ? '' : r.out }).toEqual({ code: 0, out: '' });
  });

  it('reports drift with exit code 2 (so the checks above can fail)', () => {
    const r = diff(['--from-empty']);
    expect(r.code).toBe(2);
    expect(r.out).toContain('CREATE TABLE "meetings"');
  });
});
