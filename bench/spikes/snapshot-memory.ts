/**
 * Memory per prepared QuickJS sandbox, by boot path: `node --expose-gc --import tsx
 * bench/spikes/snapshot-memory.ts snapshot|source [count]` boots `count` sandboxes (engine + base
 * library, installed, no app) and prints the RSS growth per sandbox after a GC.
 */
import { createQuickJsTransport } from '../../packages/runtime/src/bridge/transports/quickjs.ts';
import { getBaseLibrarySource } from '../../packages/runtime/src/sandbox/baselib-source.ts';

const boot = (process.argv[2] ?? 'snapshot') as 'snapshot' | 'source';
const count = Number(process.argv[3] ?? 100);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
await getBaseLibrarySource();
await (await createQuickJsTransport({ boot })).dispose();
gc();
const before = process.memoryUsage().rss;
const keep = [];
for (let i = 0; i < count; i++) keep.push(await createQuickJsTransport({ boot }));
gc();
const after = process.memoryUsage().rss;
console.log(`${boot}: ${count} sandboxes, ${((after - before) / count / 1024).toFixed(0)} KB RSS each, ${keep[0]!.memoryBytes() / 1024 / 1024} MiB WASM memory each (reserved, mostly untouched)`);
process.exit(0);
