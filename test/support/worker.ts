/**
 * The simulator's transport under Node: the logic layer in a worker thread (`createWorkerTransport`
 * with the runtime's worker_threads fixture, the same loop the browser's logic worker runs), for
 * tests that must hold in both transports. Pass `workerLogic` as the container's / harness's `logic`.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createWorkerTransport, getBaseLibrarySource, type LogicTransport } from '@mpk/runtime';
import { nodeWorker } from '../../packages/runtime/test/bridge/support/node-worker.ts';

const RUNTIME = new URL('../../packages/runtime/', import.meta.url);

let wasm: Promise<WebAssembly.Module> | undefined;

function quickJsWasm(): Promise<WebAssembly.Module> {
  const require = createRequire(new URL('package.json', RUNTIME));
  wasm ??= readFile(require.resolve('@jitl/quickjs-ng-wasmfile-release-sync/wasm')).then((bytes) => WebAssembly.compile(bytes));
  return wasm;
}

/** A `logic` factory running the sandbox in a worker thread (its clock is the worker's real clock). */
export async function workerLogic(options: { limits?: Parameters<typeof createWorkerTransport>[0]['limits'] }): Promise<LogicTransport> {
  return createWorkerTransport({ createWorker: () => nodeWorker(), wasm: await quickJsWasm(), baseLibrary: await getBaseLibrarySource(), limits: options.limits });
}
