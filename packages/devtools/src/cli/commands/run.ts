import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { codes, formatDiagnostic } from '@mpk/compiler';
import { resolveUserPath } from '../context.ts';
import { cachedBuild } from '../../headless/build-cache.ts';
import { BuildFailedError, Session } from '../../headless/session.ts';
import type { CliCommand } from './types.ts';
import { createCloudEmulator, type CloudEmulator } from '../../cloud/index.ts';
import { terminalDiagnostic, terminalText } from '../../output/terminal.ts';
import { findCompileMode, modePath, type CompileMode } from '../../project/compile-modes.ts';

type Action = { kind: 'tap'; selector: string } | { kind: 'wait'; ms: number };

/** The actions in command-line order (cac groups repeated flags, which would lose the order). */
export function parseActions(argv: readonly string[]): Action[] {
  const actions: Action[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag !== '--tap' && flag !== '--wait') continue;
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--tap') actions.push({ kind: 'tap', selector: value });
    else {
      const ms = Number(value);
      if (!Number.isFinite(ms) || ms < 0) throw new Error(`--wait takes milliseconds, got ${JSON.stringify(value)}`);
      actions.push({ kind: 'wait', ms });
    }
  }
  return actions;
}

export const runCommand: CliCommand = {
  usage: 'run <target>',
  description: 'Run a mini-program headless (building it first if given a project) and print the rendered page',
  options: [
    ['--page <path>', 'Page to open, with an optional query: pages/detail/detail?id=3 (default: the entry page)'],
    ['--mode <name>', 'Launch as a compile mode of mini.project.json (condition.miniprogram.list): its page, query and scene'],
    ['--tap <selector>', 'Tap the first node matching a CSS selector (tag, #id, .class); repeatable, runs in order'],
    ['--wait <ms>', 'Let this many milliseconds of timers run; repeatable, runs in order with --tap'],
    ['--confirm <answer>', 'How my.confirm dialogs are answered: ok or cancel', { default: 'ok' }],
    ['--prompt <text>', 'Text my.prompt dialogs answer with'],
    ['--action-sheet <index>', 'Item index my.showActionSheet answers with'],
    ['--idle-timeout <ms>', 'Give up (exit 1, saying what keeps the app busy) when the app does not settle within this long after each step', { default: '10000' }],
  ],
  examples: ['mpk run examples/todo --tap "#filter-done" --tap ".chip"', 'mpk run examples/shop --page "sub/product/product?id=2" --tap "#buy" --wait 500'],
  async run(args, io, argv) {
    const target = resolveUserPath(String(args[0]));
    const options = (args[args.length - 1] ?? {}) as { page?: string; mode?: string; confirm?: string; prompt?: string; actionSheet?: string; idleTimeout?: string };
    const idleMs = Number(options.idleTimeout ?? 10_000);
    if (!Number.isFinite(idleMs) || idleMs <= 0) {
      io.stderr(`mpk run: --idle-timeout takes milliseconds, got ${JSON.stringify(options.idleTimeout)}\n`);
      return 2;
    }
    let actions: Action[];
    try {
      actions = parseActions(argv);
    } catch (error) {
      io.stderr(`mpk run: ${(error as Error).message}\n`);
      return 2;
    }
    // A project over the package size limits still runs here; say so (the build is cached, Session.open reuses it).
    if (!existsSync(path.join(target, 'manifest.json')) && existsSync(target)) {
      const built = await cachedBuild(target).catch(() => undefined);
      const limits = new Set([codes.PART_TOO_LARGE.code, codes.TOTAL_TOO_LARGE.code]);
      for (const d of built?.diagnostics ?? []) if (limits.has(d.code)) io.stderr(`${formatDiagnostic(terminalDiagnostic(d))}\n`);
    }
    let mode: CompileMode | undefined;
    if (options.mode !== undefined) {
      if (options.page !== undefined) {
        io.stderr('mpk run: --mode and --page both name the page to open; give one\n');
        return 2;
      }
      try {
        mode = findCompileMode(target, String(options.mode));
      } catch (error) {
        io.stderr(`mpk run: ${terminalText((error as Error).message)}\n`);
        return 2;
      }
    }
    let session: Session;
    // A project's my.cloud / Cloud calls are answered by the cloud emulator, as in mpk dev (data in <project>/.mpk/cloud).
    const cloud: CloudEmulator | undefined = statSync(target, { throwIfNoEntry: false })?.isDirectory()
      ? await createCloudEmulator({ projectDir: target, onLog: ({ name, level, text }) => io.stderr(`cloud function ${name} ${level}: ${terminalText(text)}\n`) })
      : undefined;
    try {
      session = await Session.open(target, {
        ...(cloud ? { host: { cloud } } : {}),
        page: mode ? modePath(mode) : options.page,
        ...(mode ? { query: mode.launchQuery, scene: mode.scene, referrerInfo: mode.referrerInfo } : {}),
        idle: { ms: idleMs },
        ui: {
          confirm: options.confirm !== 'cancel',
          prompt: options.prompt === undefined ? undefined : { ok: true, inputValue: String(options.prompt) },
          actionSheet: options.actionSheet === undefined ? undefined : Number(options.actionSheet),
        },
      });
    } catch (error) {
      await cloud?.close();
      if (error instanceof BuildFailedError) {
        for (const d of error.diagnostics) io.stderr(`${formatDiagnostic(terminalDiagnostic(d))}\n`);
        return 1;
      }
      io.stderr(`mpk run: ${terminalText((error as Error).message)}\n`);
      return 1;
    }
    let reported = 0;
    const reportErrors = (): void => {
      for (; reported < session.errors.length; reported++) {
        const e = session.errors[reported]!;
        // The app wrote the message and the stack: shown, never obeyed (escape sequences, carriage returns…).
        io.stderr(`error (${e.kind}): ${terminalText(e.message, { multiline: false })}\n${e.stack ? `${terminalText(e.stack)}\n` : ''}`);
      }
    };
    try {
      reportErrors();
      for (const action of actions) {
        if (action.kind === 'tap') await session.tap(action.selector);
        else await session.advanceTime(action.ms);
        reportErrors();
      }
      io.stdout(`${terminalText(session.html())}\n`);
      return session.errors.length > 0 ? 1 : 0;
    } catch (error) {
      reportErrors();
      io.stderr(`mpk run: ${terminalText((error as Error).message)}\n`);
      return 1;
    } finally {
      await session.close();
      await cloud?.close();
    }
  },
};
