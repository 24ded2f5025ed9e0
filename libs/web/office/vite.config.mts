/// <reference types='vitest' />
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import angular from '@analogjs/vite-plugin-angular';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { nxCopyAssetsPlugin } from '@nx/vite/plugins/nx-copy-assets.plugin';

const workspaceRoot = resolve(import.meta.dirname, '../../..');

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../../node_modules/.vite/libs/web/office',
  plugins: [angular(), nxViteTsPaths(), nxCopyAssetsPlugin(['*.md'])],
  test: {
    name: 'web-office',
    watch: false,
    // Vitest's 5 s default fails Angular component tests (JIT compile in jsdom) on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globals: true,
    environment: 'jsdom',
    include: ['{src,tests}/**/*.{test,spec}.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'],
    setupFiles: ['src/test-setup.ts'],
    env: { RATSINFO_I18N_DIR: resolve(workspaceRoot, 'apps/web/public/i18n') },
    reporters: ['default', 'junit'],
    outputFile: { junit: resolve(workspaceRoot, 'test-results/junit/web-office.xml') },
    coverage: {
      reportsDirectory: '../../../coverage/libs/web/office',
      provider: 'v8' as const,
    },
  },
}));
