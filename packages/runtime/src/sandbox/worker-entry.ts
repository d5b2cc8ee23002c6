/**
 * Entry script of the logic Web Worker (bundle it for the browser and start it with
 * `new Worker(url, { type: 'module' })`; `createWorkerTransport` talks to it). It only connects
 * the worker's global scope to the host-agnostic loop in `bridge/transports/worker-side.ts`.
 */
import { runLogicWorker } from '../bridge/transports/worker-side.ts';
import type { FromWorker, ToWorker } from '../bridge/transports/worker-protocol.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

runLogicWorker({
  postMessage: (message: FromWorker) => scope.postMessage(message),
  onMessage: (handler) => scope.addEventListener('message', (event) => handler(event.data as ToWorker)),
});
