import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { resolveUserPath } from '../context.ts';
import type { InlineConfig } from 'vitest/node';
import type { CliCommand } from './types.ts';
import { untilStopped } from './dev.ts';
import { terminalStream } from '../../output/terminal.ts';
import { ownFile } from '../../own-files.ts';

const require = createRequire(import.meta.url);
const harnessEntry = ownFile(import.meta.url, '../../harness/index.ts');

interface TestFlags {
  reporter?: string | string[];
  outputFile?: string;
  coverage?: boolean;
  watch?: boolean;
  update?: boolean;
}

/** vitest's built-in reporters (`--reporter`); "default" and "verbose" run without the live summary window. */
export const VITEST_REPORTERS = ['default', 'verbose', 'dot', 'tree', 'json', 'junit', 'tap', 'tap-flat', 'github-actions', 'hanging-process'] as const;

/**
 * `mpk test <project>`: runs the project's `*.test.js|ts` files with vitest. The project needs no
 * dependencies of its own: `vitest` and `@mpk/devtools/harness` resolve to mpk's copies.
 */
export const testCommand: CliCommand = {
  usage: 'test <project> [...filters]',
  description: "Run a mini-program's tests (vitest + the mpk harness)",
  options: [
    ['--reporter <name>', `vitest reporter: ${VITEST_REPORTERS.join(', ')} (default: default); repeatable`],
    ['--output-file <file>', 'Where the json and junit reporters write (default: stdout)'],
    ['--coverage', 'Collect coverage (V8) and report it (text on stdout, HTML and JSON in <project>/coverage)'],
    ['--watch', 'Run again on every change until Ctrl+C'],
    ['-u, --update', 'Update snapshots that do not match'],
  ],
  examples: ['mpk test my-app', 'mpk test my-app counter', 'mpk test my-app --reporter junit --output-file junit.xml', 'mpk test my-app --coverage'],
  async run(args, io) {
    const project = resolveUserPath(String(args[0]));
    const filters = (Array.isArray(args[1]) ? args[1] : []).map(String);
    const flags = (args[args.length - 1] ?? {}) as TestFlags;
    if (!existsSync(project)) {
      io.stderr(`mpk test: ${project} does not exist\n`);
      return 1;
    }
    const names = (flags.reporter === undefined ? [] : Array.isArray(flags.reporter) ? flags.reporter : [flags.reporter]).map(String);
    for (const name of names) {
      if (!(VITEST_REPORTERS as readonly string[]).includes(name)) {
        io.stderr(`mpk test: --reporter takes one of ${VITEST_REPORTERS.join(', ')}; got ${JSON.stringify(name)}\n`);
        return 2;
      }
    }
    if (flags.outputFile !== undefined && (typeof flags.outputFile !== 'string' || flags.outputFile === '')) {
      io.stderr('mpk test: --output-file takes a file name\n');
      return 2;
    }
    // No live summary window: it would move the cursor, which the escaping stream refuses.
    const reporters = (names.length > 0 ? names : ['default']).map((name) => (name === 'default' || name === 'verbose' ? [name, { summary: false }] : name)) as NonNullable<InlineConfig['reporters']>;
    const watch = flags.watch === true;
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
        watch,
        include: ['**/*.test.{js,mjs,ts}'],
        exclude: ['**/node_modules/**', '**/dist/**'],
        testTimeout: 30_000,
        reporters,
        ...(flags.outputFile !== undefined ? { outputFile: resolveUserPath(flags.outputFile) } : {}),
        ...(flags.update ? { update: true } : {}),
        ...(flags.coverage ? { coverage: { enabled: true, provider: 'v8', reportsDirectory: path.join(project, 'coverage'), exclude: ['**/*.test.{js,mjs,ts}', 'coverage/**', 'dist/**'] } } : {}),
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
    // --watch: vitest reruns on changes until the user stops mpk (Ctrl+C, SIGTERM).
    if (watch && vitest) await untilStopped();
    const failed = !vitest || vitest.state.getCountOfFailedTests() > 0 || vitest.state.getUnhandledErrors().length > 0;
    const files = vitest?.state.getFiles() ?? [];
    await vitest?.close();
    if (files.length === 0) {
      io.stderr(`mpk test: no *.test.js or *.test.ts files in ${project}\n`);
      return 1;
    }
    const failing = failed || files.some((f) => f.result?.state === 'fail');
    // mpk's own last line, written after vitest has closed: a script or CI step reads the outcome
    // here, not from vitest's report (whose summary, seen once in ~100 piped runs, never arrived).
    if (!watch) io.stdout(`${resultLine(files, failing)}\n`);
    return failing ? 1 : 0;
  },
};

interface TaskLike {
  type: string;
  mode?: string;
  result?: { state?: string };
  tasks?: TaskLike[];
}

function countTests(tasks: readonly TaskLike[], counts = { passed: 0, failed: 0, skipped: 0 }) {
  for (const task of tasks) {
    if (task.type === 'test') {
      const state = task.result?.state;
      if (state === 'pass') counts.passed++;
      else if (state === 'fail') counts.failed++;
      else counts.skipped++;
    } else if (task.tasks) countTests(task.tasks, counts);
  }
  return counts;
}

/** `mpk test: 2 tests passed in 1 file` / `mpk test: failed: 1 of 3 tests failed in 2 files`. */
export function resultLine(files: readonly TaskLike[], failing: boolean): string {
  const { passed, failed, skipped } = countTests(files);
  const total = passed + failed + skipped;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const where = `in ${plural(files.length, 'file')}`;
  const skippedNote = skipped > 0 ? `, ${skipped} skipped` : '';
  if (!failing) return `mpk test: ${plural(passed, 'test')} passed${skippedNote} ${where}`;
  return `mpk test: failed: ${failed} of ${plural(total, 'test')} failed${skippedNote} ${where}`;
}
