/**
 * Child process of the runtime benchmark's memory cases (run by `memory-client.ts`): launches
 * idle containers of one package on one engine in a fresh process and reports how RSS and the JS
 * heap grew. Usage: `node --expose-gc --import tsx memory-probe.ts '<json ProbeRequest>'`.
 */

import { createContainer, createMemoryStorage, HeadlessRenderer, type Container } from '@mpk/runtime';
import type { MemoryProbeRequest, MemoryProbeResult } from './memory-client.ts';
import { logicOf, readPackageDir } from './support.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('memory-probe needs node --expose-gc');

/** Full collections until the heap stops shrinking, with pauses so finalizers and the allocator settle. */
async function settle(): Promise<NodeJS.MemoryUsage> {
  for (let i = 0; i < 4; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return process.memoryUsage();
}

const request = JSON.parse(process.argv[2] ?? '{}') as MemoryProbeRequest;
const pkg = readPackageDir(request.packageDir);

async function launch(): Promise<Container> {
  const container = await createContainer({ pkg, renderer: new HeadlessRenderer(), logic: logicOf(request.engine), host: { storage: createMemoryStorage() } });
  const errors: string[] = [];
  container.on('error', (error) => errors.push(error.message));
  await container.launch({ path: request.page });
  if (errors.length > 0) throw new Error(`launch failed: ${errors[0]}`);
  return container;
}

// Warm up: WASM compiled, base library bundled, code paths optimised (and their garbage collected).
for (let i = 0; i < 3; i++) await (await launch()).destroy();

const kept: Container[] = [];
const before = await settle();
const started = performance.now();
while (kept.length < request.first) kept.push(await launch());
const atFirst = await settle();
while (kept.length < request.total) kept.push(await launch());
const elapsed = performance.now() - started;
const atTotal = await settle();

const delta = (a: NodeJS.MemoryUsage, b: NodeJS.MemoryUsage, n: number) => ({
  rss: (b.rss - a.rss) / n,
  heapUsed: (b.heapUsed - a.heapUsed) / n,
  external: (b.external - a.external) / n,
});
const result: MemoryProbeResult = {
  engine: request.engine,
  page: request.page,
  firstCount: request.first,
  count: kept.length,
  perContainer: delta(before, atFirst, request.first),
  total: delta(before, atTotal, 1),
  wasmBytes: kept[0]!.memoryBytes(),
  launchMs: elapsed / kept.length,
};
process.stdout.write(JSON.stringify(result));
// Not destroying the containers: the process exits and takes them along.
process.exit(0);
