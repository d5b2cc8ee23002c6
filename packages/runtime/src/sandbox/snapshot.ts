/**
 * Booting a QuickJS sandbox from a WebAssembly memory snapshot instead of from source.
 *
 * The first sandbox of a process (per engine source and base library) is booted the ordinary way
 * — module instantiated, runtime and context created, base library evaluated — and, before its
 * `install()` runs, its linear memory is kept as an image (`QuickJsEngine.fromSnapshot`). A new sandbox instantiates the compiled module over
 * a fresh `WebAssembly.Memory`, copies the image in, and rebuilds the quickjs-emscripten wrappers
 * (`QuickJSRuntime`, `QuickJSContext`, the `install` handle) over the same C pointers.
 *
 * Why this is sound for these builds (checked in `bench/spikes/snapshot-spike.ts`, relied on by
 * `test/logic/snapshot.test.ts`):
 * - the module's only mutable WebAssembly global is the C stack pointer, and between calls it is
 *   back at its initial value, the same in every instance; its table is not exported (no
 *   `addFunction`), so function pointers stored in memory mean the same in every instance;
 * - emscripten's JS side keeps nothing that refers to memory contents (heap views are rebuilt on
 *   the new memory; timers, stdio buffers and the environment are unused by QuickJS);
 * - quickjs-emscripten's host-side tables are keyed by pointers and ids: the runtime and context
 *   callbacks are registered again for the same pointers when the wrappers are built, and the
 *   donor creates no host functions before its image is taken (`install` runs after restoring),
 *   so no `HostRef` id in the image points at a host object;
 * - a fresh instance's memory is deterministic (emscripten's constructors), so only the 4 KiB
 *   blocks that differ between it and the donor are copied (≈1.1 MB of 16 MiB);
 * - per-context state that must not be shared is replaced after the copy: `Math.random`'s
 *   xorshift state (seeded from the clock when the donor's context was created) gets fresh
 *   random bits; the guest's clock origin and host functions come with `install`.
 */
import {
  Lifetime,
  QuickJSRuntime,
  type QuickJSWASMModule,
  type EitherFFI,
  type JSContextPointer,
  type JSRuntimePointer,
  type JSValuePointer,
  type QuickJSContext,
  type QuickJSEmscriptenModule,
  type QuickJSHandle,
} from 'quickjs-emscripten-core';
import { instantiate, type QuickJsEngineSource } from './wasm.ts';

const PAGE = 64 * 1024;
const BLOCK = 4096;
/** How far into the donor's `JSContext` struct to look for `Math.random`'s state. */
const CONTEXT_SCAN_BYTES = 4096;
/** xorshift64* output multiplier (QuickJS and quickjs-ng `js_math_random`). */
const XORSHIFT_MUL = 0x2545f4914f6cdd1dn;
const U64 = (1n << 64n) - 1n;

/** What a booted donor left in its memory, enough to rebuild a sandbox over a copy of it. */
export interface SandboxImage {
  /** Size of the donor's memory in 64 KiB pages (a restored sandbox's memory starts at least this big). */
  readonly pages: number;
  /** Bytes that differ from a freshly instantiated module, by offset. */
  readonly blocks: readonly { at: number; bytes: Uint8Array }[];
  /** Total bytes copied per restore. */
  readonly bytes: number;
  readonly rt: JSRuntimePointer;
  readonly ctx: JSContextPointer;
  /** The `JSValue *` of the base library's `install` function (a handle the donor never freed). */
  readonly installer: JSValuePointer;
  /** The donor wrapper's scratch allocation (`QuickJSContext.uint32Out`), freed after restoring. */
  readonly scratch: number;
  /** Address of the context's `Math.random` state (a little-endian u64). */
  readonly randomState: number;
}

/** The donor, as `imageOf` needs it: a context whose base library is evaluated, and its install handle. */
export interface Donor {
  memory: WebAssembly.Memory;
  ctx: QuickJSContext;
  installer: QuickJSHandle;
}

/** A restored sandbox: wrappers over the copied runtime and context, and the base library's `install`. */
export interface RestoredSandbox {
  ctx: QuickJSContext;
  installer: QuickJSHandle;
}

// ------------------------------------------------------------------ taking the image

/** The fields of the library's objects a restore has to reach (all set in their constructors, 0.32). */
interface ModuleInternals {
  module: QuickJSEmscriptenModule;
  ffi: EitherFFI;
  callbacks: ConstructorParameters<typeof QuickJSRuntime>[0]['callbacks'];
}
const internalsOf = (module: QuickJSWASMModule) => module as unknown as ModuleInternals;
const pointerOf = (wrapper: QuickJSRuntime | QuickJSContext, field: 'rt' | 'ctx') => (wrapper as unknown as Record<string, Lifetime<number>>)[field]!.value;
const scratchOf = (ctx: QuickJSContext) => (ctx as unknown as { uint32Out: Lifetime<{ ptr: number }> }).uint32Out.value.ptr;

/**
 * Takes the donor's image: its memory minus what a fresh instance already holds, and the pointers
 * the wrappers need. The donor must be between calls and have created no host functions.
 */
export async function imageOf(source: QuickJsEngineSource, donor: Donor): Promise<SandboxImage> {
  const randomState = locateRandomState(donor);
  const snapshot = new Uint8Array(donor.memory.buffer);
  const memory = new WebAssembly.Memory({ initial: snapshot.length / PAGE, maximum: snapshot.length / PAGE });
  await instantiate(source, memory, true);
  const fresh = new Uint8Array(memory.buffer);
  const ranges: [number, number][] = [];
  for (let at = 0; at < snapshot.length; at += BLOCK) {
    if (sameBlock(snapshot, fresh, at, at + BLOCK)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === at) last[1] = at + BLOCK;
    else ranges.push([at, at + BLOCK]);
  }
  return {
    pages: snapshot.length / PAGE,
    blocks: ranges.map(([at, end]) => ({ at, bytes: snapshot.slice(at, end) })),
    bytes: ranges.reduce((sum, [at, end]) => sum + end - at, 0),
    rt: pointerOf(donor.ctx.runtime, 'rt') as JSRuntimePointer,
    ctx: pointerOf(donor.ctx, 'ctx') as JSContextPointer,
    installer: donor.installer.value as JSValuePointer,
    scratch: scratchOf(donor.ctx),
    randomState,
  };
}

function sameBlock(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  const wa = new Int32Array(a.buffer, a.byteOffset + start, (end - start) / 4);
  const wb = new Int32Array(b.buffer, b.byteOffset + start, (end - start) / 4);
  for (let i = 0; i < wa.length; i++) if (wa[i] !== wb[i]) return false;
  return true;
}

/**
 * Finds `ctx->random_state` in the donor's `JSContext`: after one `Math.random()` call, the state
 * word `s` satisfies `((s * C) mod 2^64) >> 12 == ` the mantissa of the returned value + 1. An exact
 * match of 52 bits; anything else (another engine build) refuses the snapshot path.
 */
function locateRandomState(donor: Donor): number {
  const { ctx } = donor;
  const evaluated = ctx.evalCode('Math.random()', 'mpk-snapshot-probe.js', { type: 'global' });
  if (evaluated.error) {
    evaluated.error.dispose();
    throw new Error('mpk: cannot take a sandbox snapshot: Math.random() failed in the donor');
  }
  const value = ctx.getNumber(evaluated.value);
  evaluated.value.dispose();
  const bits = new DataView(new Float64Array([value + 1]).buffer).getBigUint64(0, true) & ((1n << 52n) - 1n);
  const base = pointerOf(ctx, 'ctx');
  const view = new DataView(donor.memory.buffer);
  const found: number[] = [];
  for (let at = base; at < base + CONTEXT_SCAN_BYTES && at + 8 <= view.byteLength; at += 8) {
    const state = view.getBigUint64(at, true);
    if (state !== 0n && ((state * XORSHIFT_MUL) & U64) >> 12n === bits) found.push(at);
  }
  if (found.length !== 1) throw new Error(`mpk: cannot take a sandbox snapshot: Math.random's state not found in the context (${found.length} candidates)`);
  return found[0]!;
}

// ------------------------------------------------------------------ restoring

/** Copies the image into `memory` (of a module instantiated over it, between calls) and rebuilds the wrappers. */
export function restore(module: QuickJSWASMModule, memory: WebAssembly.Memory, image: SandboxImage): RestoredSandbox {
  if (memory.buffer.byteLength < image.pages * PAGE) throw new Error('mpk: the sandbox memory is smaller than its snapshot');
  const heap = new Uint8Array(memory.buffer);
  for (const { at, bytes } of image.blocks) heap.set(bytes, at);
  const fresh = crypto.getRandomValues(new Uint32Array(2));
  if (fresh[0] === 0 && fresh[1] === 0) fresh[0] = 1; // xorshift's state must not be zero
  const view = new DataView(memory.buffer);
  view.setUint32(image.randomState, fresh[0]!, true);
  view.setUint32(image.randomState + 4, fresh[1]!, true);

  const { module: em, ffi, callbacks } = internalsOf(module);
  em._free(image.scratch);
  // As QuickJSWASMModule.newRuntime/newContext build them, over the existing pointers.
  const rt = new Lifetime<JSRuntimePointer, never, never>(image.rt, undefined, (ptr) => {
    ffi.QTS_FreeRuntime(ptr);
    callbacks.deleteRuntime(ptr);
  });
  const runtime = new QuickJSRuntime({ module: em, ffi, callbacks, rt });
  const ctx = runtime.newContext({ contextPointer: image.ctx, ownedLifetimes: [runtime] });
  runtime.context = ctx;
  const installer = ctx.getMemory(image.rt).heapValueHandle(image.installer);
  return { ctx, installer };
}
