/**
 * Runs only the end-to-end suite: `npx vitest run -c test/vitest.config.ts` (the root config runs
 * it too, with every package's tests). `test/simulator` has its own browser tests and is left out.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/simulator/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
