/**
 * Entry script of debug mode's logic worker (`mpk dev --debug`): the same protocol loop as
 * `worker-entry.ts`, with the app in the worker's own realm instead of QuickJS
 * (`plain-engine.ts`), so DevTools breakpoints, `debugger` and the profiler work on the author's
 * files. UNSANDBOXED: no CPU deadline, no heap cap, no fair-time share (a paused breakpoint is not
 * the app hogging the host). The worker's own messaging is captured before any app code runs.
 */
import { runLogicWorker } from '../bridge/transports/worker-side.ts';
import type { FromWorker, ToWorker } from '../bridge/transports/worker-protocol.ts';
import { PlainEngine } from './plain-engine.ts';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const postMessage = scope.postMessage.bind(scope);
const addEventListener = scope.addEventListener.bind(scope);

runLogicWorker(
  {
    postMessage: (message: FromWorker) => postMessage(message),
    onMessage: (handler) => addEventListener('message', (event) => handler(event.data as ToWorker)),
  },
  async ({ start, natives }) => PlainEngine.create({ natives, baseLibrary: start.baseLibrary }),
);
