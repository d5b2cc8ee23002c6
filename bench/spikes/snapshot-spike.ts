/**
 * Spike: boot a QuickJS sandbox from a WebAssembly memory snapshot instead of evaluating the base
 * library. Run: `node --import tsx bench/spikes/snapshot-spike.ts`.
 *
 * 1. boot one sandbox the ordinary way (module + runtime + context + base library evaluated);
 * 2. copy its linear memory (the module's only mutable global is the stack pointer, which is back at
 *    its initial value between calls; emscripten's JS side keeps nothing that matters);
 * 3. per new sandbox: instantiate the compiled module with a fresh memory, copy the snapshot in,
 *    and rebuild the quickjs-emscripten wrappers over the same runtime/context pointers.
 */
import {
  Lifetime,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  QuickJSRuntime,
  type QuickJSContext,
  type QuickJSWASMModule,
} from '../../packages/runtime/node_modules/quickjs-emscripten-core/dist/index.mjs';
import { getBaseLibrarySource } from '../../packages/runtime/src/sandbox/baselib-source.ts';
import { compileWasm, defaultEngineSource } from '../../packages/runtime/src/sandbox/wasm.ts';

const now = () => performance.now();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const quiet = { print() {}, printErr() {} } as never;

const baseLibrary = await getBaseLibrarySource();
const wasmModule = await compileWasm(defaultEngineSource);

async function freshModule(): Promise<{ module: QuickJSWASMModule; memory: WebAssembly.Memory }> {
  const memory = new WebAssembly.Memory({ initial: 256, maximum: 1024 });
  const variant = newVariant(defaultEngineSource.variant, { wasmModule, wasmMemory: memory, emscriptenModule: quiet });
  return { module: await newQuickJSWASMModuleFromVariant(variant), memory };
}

function bootFromSource(module: QuickJSWASMModule) {
  const ctx = module.newContext();
  ctx.runtime.setMemoryLimit(64 << 20);
  ctx.runtime.setMaxStackSize(256 * 1024);
  ctx.runtime.setInterruptHandler(() => false);
  const installer = ctx.unwrapResult(ctx.evalCode(baseLibrary, 'mpk-baselib.js', { type: 'global', strict: true }));
  return { ctx, installer };
}

// --- 1. the snapshot
const t0 = now();
const donor = await freshModule();
const booted = bootFromSource(donor.module);
const snapshotMs = now() - t0;
const rtPtr = (booted.ctx.runtime as unknown as { rt: Lifetime<number> }).rt.value;
const ctxPtr = (booted.ctx as unknown as { ctx: Lifetime<number> }).ctx.value;
const installerPtr = booted.installer.value as unknown as number;
const snapshot = new Uint8Array(donor.memory.buffer).slice();

// What differs from a freshly instantiated module: only those 4 KiB blocks need copying.
const probe = await freshModule();
const fresh = new Uint8Array(probe.memory.buffer);
const BLOCK = 4096;
const blocks: [number, number][] = [];
for (let at = 0; at < snapshot.length; at += BLOCK) {
  let same = true;
  for (let i = at; i < at + BLOCK; i++) if (snapshot[i] !== fresh[i]) { same = false; break; }
  if (same) continue;
  const last = blocks[blocks.length - 1];
  if (last && last[1] === at) last[1] = at + BLOCK;
  else blocks.push([at, at + BLOCK]);
}
const dirty = blocks.reduce((n, [a, b]) => n + b - a, 0);
// Is a fresh instance deterministic? (two fresh memories identical)
const probe2 = await freshModule();
const fresh2 = new Uint8Array(probe2.memory.buffer);
let freshDiffs = 0;
for (let i = 0; i < fresh.length; i++) if (fresh[i] !== fresh2[i]) freshDiffs++;

// --- 2. restoring
type Internals = { ffi: any; callbacks: any; module: any };
function restore(module: QuickJSWASMModule, memory: WebAssembly.Memory, mode: 'full' | 'blocks') {
  const heap = new Uint8Array(memory.buffer);
  if (mode === 'full') heap.set(snapshot);
  else for (const [a, b] of blocks) heap.set(snapshot.subarray(a, b), a);
  const { ffi, callbacks, module: em } = module as unknown as Internals;
  const rt = new Lifetime(rtPtr, undefined, (ptr: number) => {
    ffi.QTS_FreeRuntime(ptr);
    callbacks.deleteRuntime(ptr);
  });
  const runtime = new QuickJSRuntime({ module: em, ffi, callbacks, rt } as never);
  const ctx = runtime.newContext({ contextPointer: ctxPtr as never, ownedLifetimes: [runtime] });
  runtime.context = ctx;
  runtime.setInterruptHandler(() => false);
  const installer = (ctx as unknown as { memory: { heapValueHandle(p: number): any } }).memory.heapValueHandle(installerPtr);
  return { ctx, installer };
}

function install(ctx: QuickJSContext, installer: any) {
  const natives = ctx.newObject();
  for (const name of ['send', 'invokeSync', 'timer']) {
    const fn = ctx.newFunction(name, () => ctx.newString('{}'));
    ctx.setProp(natives, name, fn);
    fn.dispose();
  }
  const dispatcher = ctx.unwrapResult(ctx.callFunction(installer, ctx.undefined, natives));
  natives.dispose();
  installer.dispose();
  return dispatcher;
}

const sourceBoot: number[] = [];
const instantiate: number[] = [];
const restoreFull: number[] = [];
const restoreBlocks: number[] = [];
const installMs: number[] = [];
for (let i = 0; i < 40; i++) {
  let t = now();
  const a = await freshModule();
  const b = bootFromSource(a.module);
  sourceBoot.push(now() - t);
  b.installer.dispose();
  b.ctx.dispose();

  t = now();
  const c = await freshModule();
  instantiate.push(now() - t);
  t = now();
  const full = restore(c.module, c.memory, 'full');
  restoreFull.push(now() - t);
  full.installer.dispose();
  full.ctx.dispose();

  const d = await freshModule();
  t = now();
  const part = restore(d.module, d.memory, 'blocks');
  restoreBlocks.push(now() - t);
  t = now();
  const dispatcher = install(part.ctx, part.installer);
  installMs.push(now() - t);
  // Sanity: the restored context runs code and sees the base library's globals.
  const r = part.ctx.unwrapResult(part.ctx.evalCode('typeof Page + "/" + typeof my + "/" + (globalThis.x = 1)'));
  if (i === 0) console.log('restored sandbox evaluates:', part.ctx.dump(r));
  r.dispose();
  dispatcher.dispose();
  part.ctx.dispose();
}

console.log({
  snapshotMs: +snapshotMs.toFixed(1),
  snapshotBytes: snapshot.length,
  dirtyBytes: dirty,
  dirtyRanges: blocks.map(([a, b]) => `${a}..${b}`).join(" "),
  freshInstancesDiffer: freshDiffs,
  bootFromSourceMs: +median(sourceBoot).toFixed(3),
  instantiateMs: +median(instantiate).toFixed(3),
  restoreFullCopyMs: +median(restoreFull).toFixed(3),
  restoreDirtyBlocksMs: +median(restoreBlocks).toFixed(3),
  installMs: +median(installMs).toFixed(3),
});
