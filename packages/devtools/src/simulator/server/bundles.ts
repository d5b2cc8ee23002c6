/**
 * The simulator's browser code, bundled in memory when the dev server starts: the client (phone,
 * panels, hot reload) and the logic worker, from their TypeScript sources, plus the files the
 * worker needs (the QuickJS `.wasm`, the base library). Nothing is written to disk.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { getBaseLibrarySource } from '@mpk/runtime';
import { ownFile } from '../../own-files.ts';

export interface SimulatorAssets {
  /** `/client.js`: the simulator page's script. */
  client: string;
  /** `/logic-worker.js`: the Web Worker running the logic layer. */
  worker: string;
  /** `/logic-worker-debug.js`: debug mode's worker (the app without QuickJS, for DevTools breakpoints; unsandboxed). */
  debugWorker: string;
  /** `/quickjs.wasm`: the QuickJS build the worker instantiates. */
  wasm: Uint8Array;
  /** `/baselib.js`: the base library the worker evaluates first. */
  baseLibrary: string;
}

const require = createRequire(import.meta.url);
/** The runtime's entry: its `src/index.ts` in the engine's checkout, `dist/index.js` when installed. */
const runtimeEntry = require.resolve('@mpk/runtime');
const runtimeRequire = createRequire(runtimeEntry);

export const CLIENT_ENTRY = ownFile(import.meta.url, '../client/main.ts');
export const WORKER_ENTRY = path.join(path.dirname(runtimeEntry), 'sandbox', `worker-entry${path.extname(runtimeEntry)}`);
export const DEBUG_WORKER_ENTRY = path.join(path.dirname(runtimeEntry), 'sandbox', `worker-debug-entry${path.extname(runtimeEntry)}`);

/**
 * The runtime reaches Node built-ins only on Node code paths (package directories, file storage,
 * the vm baseline, bundling the base library); in the browser those modules are empty stand-ins.
 */
const nodeOnly: Plugin = {
  name: 'mpk-node-only',
  setup(b) {
    b.onResolve({ filter: /^(node:.*|ws|esbuild)$/ }, (args) => ({ path: args.path, namespace: 'mpk-node-only' }));
    b.onLoad({ filter: /.*/, namespace: 'mpk-node-only' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

async function bundle(entry: string, minify: boolean): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    minify,
    logLevel: 'silent',
    plugins: [nodeOnly],
    define: { 'process.env.NODE_ENV': '"development"' },
  });
  return result.outputFiles[0]!.text;
}

const cache = new Map<boolean, Promise<SimulatorAssets>>();

/**
 * Bundles the client and the worker and reads the worker's inputs, all at once; once per process
 * (the sources are the simulator's own, they do not change while it runs).
 */
export function buildSimulatorAssets(options: { minify?: boolean } = {}): Promise<SimulatorAssets> {
  const minify = options.minify ?? false;
  let assets = cache.get(minify);
  if (!assets) {
    assets = bundleAll(minify);
    assets.catch(() => cache.delete(minify));
    cache.set(minify, assets);
  }
  return assets;
}

async function bundleAll(minify: boolean): Promise<SimulatorAssets> {
  const [client, worker, debugWorker, wasm, baseLibrary] = await Promise.all([
    bundle(CLIENT_ENTRY, minify),
    bundle(WORKER_ENTRY, minify),
    bundle(DEBUG_WORKER_ENTRY, minify),
    readFile(runtimeRequire.resolve('@jitl/quickjs-ng-wasmfile-release-sync/wasm')),
    getBaseLibrarySource(),
  ]);
  return { client, worker, debugWorker, wasm: new Uint8Array(wasm), baseLibrary };
}
