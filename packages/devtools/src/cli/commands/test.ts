import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { resolveUserPath } from '../context.ts';
import type { CliCommand } from './types.ts';
import { terminalStream } from '../../output/terminal.ts';
import { ownFile } from '../../own-files.ts';

const require = createRequire(import.meta.url);
const harnessEntry = ownFile(import.meta.url, '../../harness/index.ts');

/**
 * `mpk test <project>`: runs the project's `*.test.js|ts` files with vitest. The project needs no
 * dependencies of its own: `vitest` and `@mpk/devtools/harness` resolve to mpk's copies.
 */
export const testCommand: CliCommand = {
  usage: 'test <project> [...filters]',
  description: "Run a mini-program's tests (vitest + the mpk harness)",
  examples: ['mpk test my-app', 'mpk test my-app counter'],
  async run(args, io) {
    const project = resolveUserPath(String(args[0]));
    const filters = (Array.isArray(args[1]) ? args[1] : []).map(String);
    if (!existsSync(project)) {
      io.stderr(`mpk test: ${project} does not exist\n`);
      return 1;
    }
    const { startVitest } = await import('vitest/node');
    // vitest's report shows the app's strings (assertion diffs, console output of the tests): only its
    // own colours reach the terminal, every other control character is escaped (output/terminal.ts).
    const stdout = terminalStream(io.stdout);
    const stderr = terminalStream(io.stderr);
    const vitest = await startVitest(
      'test',
      filters,
      {
        root: project,
        watch: false,
        include: ['**/*.test.{js,mjs,ts}'],
        exclude: ['**/node_modules/**', '**/dist/**'],
        testTimeout: 30_000,
        // No live summary window: it would move the cursor, which the escaping stream refuses.
        reporters: [['default', { summary: false }]],
      },
      {
        resolve: {
          alias: {
            '@mpk/devtools/harness': harnessEntry,
            vitest: path.dirname(require.resolve('vitest/package.json')),
          },
        },
      },
      { stdout, stderr },
    );
    const failed = !vitest || vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
    const files = vitest?.state.getFiles() ?? [];
    await vitest?.close();
    if (files.length === 0) {
      io.stderr(`mpk test: no *.test.js or *.test.ts files in ${project}\n`);
      return 1;
    }
    return failed || files.some((f) => f.result?.state === 'fail') ? 1 : 0;
  },
};
