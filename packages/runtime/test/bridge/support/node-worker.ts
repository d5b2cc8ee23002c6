/**
 * Node's worker_threads Worker behind the browser Worker's interface (`WorkerLike`), on one of the
 * worker fixtures: how the transport tests here and the end-to-end tests run the Web Worker loop under Node.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerLike } from '../../../src/bridge/transports/worker.ts';

/** The sandboxed logic worker (QuickJS in the worker; `workerData.hang` makes it stop answering). */
export const LOGIC_WORKER = new URL('../fixtures/node-logic-worker.mjs', import.meta.url);
/** Debug mode's unsandboxed worker. */
export const DEBUG_WORKER = new URL('../fixtures/node-debug-worker.mjs', import.meta.url);

export function nodeWorker(fixture: URL = LOGIC_WORKER, workerData?: unknown): WorkerLike {
  const worker = new Worker(fixture, workerData === undefined ? undefined : { workerData });
  return {
    postMessage: (message) => worker.postMessage(message),
    addEventListener: (type: 'message' | 'error', listener: (event: never) => void) => {
      if (type === 'message') worker.on('message', (data) => listener({ data } as never));
      else worker.on('error', (error) => listener({ message: error.message, error } as never));
    },
    terminate: () => void worker.terminate(),
  };
}
