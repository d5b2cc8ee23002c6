import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startDevServer, type DevServer } from '../../simulator/server/index.ts';
import { processIO, resolveUserPath, type CliIO } from '../context.ts';
import { useColor } from './build.ts';
import type { CliCommand } from './types.ts';
import { terminalText } from '../../output/terminal.ts';
import { findCompileMode } from '../../project/compile-modes.ts';
import { listenAddress, previewUrls, terminalQr } from '../../simulator/server/lan.ts';

/** The simulator's usual port: an open tab finds a restarted server again (and reloads itself). */
export const DEFAULT_PORT = 8800;

export interface DevFlags {
  port?: number | string;
  /** `--host` alone: every interface (the LAN); `--host <address>`: that one. */
  host?: string | boolean;
  open?: boolean | string;
  /** Let the network proxy reach loopback services (a backend on this machine). */
  allowLoopback?: boolean;
  /** Let the network proxy reach private and link-local addresses (a backend on the LAN). */
  allowPrivate?: boolean;
  /** `--no-typecheck`: false. */
  typecheck?: boolean;
  /** A compile mode of mini.project.json to start in. */
  mode?: string;
  /** Debug mode: the logic layer in a plain worker without QuickJS (DevTools breakpoints; unsandboxed). */
  debug?: boolean;
}

/** Opens `url` in the user's browser, best effort (no browser, no desktop: nothing happens). */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no opener on this system */
  }
}

/**
 * Resolves when the process is asked to stop (Ctrl+C, SIGTERM). The handlers stay installed: Ctrl+C
 * under `pnpm start` arrives twice (the terminal's, then the one pnpm forwards), and the second must
 * not kill the process with the signal while the server closes (pnpm would then report ELIFECYCLE).
 */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => resolve();
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `mpk dev` until `stopped()` resolves: validates the arguments, starts the server, prints its URL,
 * optionally opens the browser, and closes everything at the end. Resolves to the exit code.
 */
export async function runDev(target: string | undefined, flags: DevFlags, io: CliIO, stopped: () => Promise<void>): Promise<number> {
  const project = resolveUserPath(target ?? '.');
  if (!existsSync(path.join(project, 'app.json')) && !existsSync(path.join(project, 'mini.project.json'))) {
    io.stderr(`mpk dev: ${project} is not a mini-program project (no app.json or mini.project.json)\n`);
    return 2;
  }
  const port = Number(flags.port ?? DEFAULT_PORT);
  if (flags.port === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr(`mpk dev: --port takes a port number (0-65535), got ${JSON.stringify(flags.port)}\n`);
    return 2;
  }
  const open = flags.open !== false && flags.open !== 'false' && flags.open !== 'no' && flags.open !== '0';
  let server: DevServer;
  const network = { allowLoopback: flags.allowLoopback === true, allowPrivate: flags.allowPrivate === true };
  const typecheck = flags.typecheck !== false;
  const mode = flags.mode === undefined ? undefined : String(flags.mode);
  if (mode !== undefined) {
    try {
      findCompileMode(project, mode);
    } catch (error) {
      io.stderr(`mpk dev: ${terminalText((error as Error).message)}\n`);
      return 2;
    }
  }
  const host = listenAddress(flags.host);
  const start = (p: number) => startDevServer({ project, port: p, host, log: io.stderr, color: useColor(io, 'stderr'), network, typecheck, ...(mode ? { mode } : {}), ...(flags.debug === true ? { debug: true } : {}) });
  try {
    try {
      server = await start(port);
    } catch (error) {
      // The usual port is taken (another simulator?): any free one will do unless the user chose it.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || flags.port !== undefined) throw error;
      server = await start(0);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`mpk dev: ${code === 'EADDRINUSE' ? `port ${port} is in use (try --port 0)` : terminalText((error as Error).message)}\n`);
    return 1;
  }
  io.stdout(`mpk dev: simulator for ${terminalText(path.basename(project), { multiline: false })} at ${server.url}\n`);
  if (flags.host !== undefined && flags.host !== false) {
    const urls = previewUrls(host, server.port);
    if (urls.length === 0) io.stdout('mpk dev: no network address to preview on (not connected to a network?)\n');
    else {
      io.stdout(`mpk dev: full-screen preview for a phone on this network:\n${urls.map((u) => `  ${u}\n`).join('')}`);
      io.stdout(`${await terminalQr(urls[0]!)}\n`);
    }
  }
  if (flags.debug === true) {
    io.stderr('mpk dev: DEBUG MODE: the logic layer runs in a plain Web Worker WITHOUT the QuickJS sandbox (no CPU deadline, no heap cap, the worker\'s globals visible): breakpoints and `debugger` work in Chromium DevTools on your original files. Only for your own project.\n');
  }
  // Only a person at a terminal wants a browser window; scripts and CI don't.
  if (open && io === processIO && process.stdout.isTTY) openBrowser(server.url);
  await stopped();
  await server.close();
  return 0;
}

export const devCommand: CliCommand = {
  usage: 'dev [project]',
  description: 'Start the browser simulator: rebuilds on save, hot-reloads the app, panels for data, console, bridge, storage, network and pages',
  options: [
    ['--port <port>', `Port to listen on (default ${DEFAULT_PORT}, or any free port when it is taken; 0: any free port)`],
    ['--host [address]', 'Serve on the network (every interface, or the address given) and print the full-screen preview URL and its QR code; default: 127.0.0.1 only'],
    ['--open [open]', 'Open the simulator in the default browser (--open false to skip)', { default: true }],
    ['--allow-loopback', "Let the app's requests reach loopback services (localhost, 127.0.0.1, ::1) through the simulator's proxy; refused by default"],
    ['--allow-private', "Let the app's requests reach private and link-local addresses (10/8, 192.168/16, fd00::/8…); refused by default"],
    ['--no-typecheck', 'Do not type-check TypeScript (type errors otherwise fail the build and show in the overlay)'],
    ['--mode <name>', 'Start in a compile mode of mini.project.json (condition.miniprogram.list); the toolbar switches modes'],
    ['--debug', 'Debug mode: the logic layer in a plain Web Worker without QuickJS, so DevTools breakpoints and `debugger` work on your original files (UNSANDBOXED; the toolbar switches)'],
  ],
  examples: ['mpk dev examples/shop', 'mpk dev . --port 8800 --open false', 'mpk dev . --allow-loopback   # the app talks to a backend on this machine', 'mpk dev . --host   # preview on a phone: scan the QR code'],
  run(args, io) {
    const flags = (args[args.length - 1] ?? {}) as DevFlags;
    // Listening from the start: a Ctrl+C right after the URL is printed must not find the default handler.
    const stopped = untilStopped();
    return runDev(typeof args[0] === 'string' ? args[0] : undefined, flags, io, () => stopped);
  },
};
