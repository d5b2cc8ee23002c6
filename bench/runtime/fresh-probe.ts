/**
 * Child process of the runtime benchmark's "first container in a fresh process" row (run by
 * `fresh-client.ts`): imports the runtime, creates ONE container of a built package on one engine,
 * launches a page and reports the time from just before `createContainer()` to the page's `ready`
 * event (its first render applied) — nothing warmed up, so the WASM compile, the base library load
 * and every first-call cost land in the figure. Usage: `node --import tsx fresh-probe.ts '<json FreshProbeRequest>'`.
 */

import { createContainer, createMemoryStorage, HeadlessRenderer } from '@mpk/runtime';
import type { FreshProbeRequest, FreshProbeResult } from './fresh-client.ts';
import { logicOf, readPackageDir } from './support.ts';

const imported = performance.now();
const request = JSON.parse(process.argv[2] ?? '{}') as FreshProbeRequest;
const pkg = readPackageDir(request.packageDir);

const errors: string[] = [];
let ready: number | undefined;
const start = performance.now();
const container = await createContainer({ pkg, renderer: new HeadlessRenderer(), logic: logicOf(request.engine), host: { storage: createMemoryStorage() } });
const created = performance.now();
container.on('page', (event) => {
  if (event.type === 'ready' && ready === undefined) ready = performance.now();
});
container.on('error', (error) => errors.push(error.message));
await container.launch({ path: request.page });
if (ready === undefined || errors.length > 0) throw new Error(`fresh launch failed: ${errors[0] ?? 'no ready event'}`);
const result: FreshProbeResult = { engine: request.engine, firstRenderMs: ready - start, createMs: created - start, importedAtMs: imported };
process.stdout.write(JSON.stringify(result));
process.exit(0);
