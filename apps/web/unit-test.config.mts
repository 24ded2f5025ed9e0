import { defineConfig } from 'vitest/config';

/**
 * Vitest settings the Angular unit-test builder merges into its own (project.json
 * `runnerConfig`). Not named vitest.config.* so the workspace's Vitest projects glob skips it.
 */
export default defineConfig({
  test: {
    // Vitest's 5 s default fails the app's boot tests (JIT compile in jsdom) on a loaded 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
