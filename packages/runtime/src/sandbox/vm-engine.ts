/**
 * The benchmark baseline: the same base library and protocol in a `node:vm` context (V8, JIT).
 * NOT a security boundary — vm shares the host's heap and process, host functions handed to
 * the guest carry the host's realm, and no heap limit applies (only the CPU deadline, via vm's
 * `timeout`). Use it to compare engines, never to run untrusted code.
 */
import vm from 'node:vm';
import type { EntryOp, EntryOutcome, GuestEngine, GuestNatives } from './engine.ts';
import { OK } from './engine.ts';
import type { SandboxLimits } from './limits.ts';

const ENTRY = '__mpkEntry';
const IO = '__mpkIO';

export class VmEngine implements GuestEngine {
  private context: vm.Context | undefined;
  private readonly entryScript = new vm.Script(`${ENTRY}(${IO}.op, ${IO}.arg)`, { filename: 'mpk-entry.js' });
  /** Arguments of the next entry (a plain object: writing it is cheap, unlike global properties). */
  private readonly io: { op: number; arg: string | number } = { op: 0, arg: '' };

  /** vm's `timeout` runs a watchdog per call (≈65 µs): measurable next to a ≈2 µs call. */
  private readonly timeout: number | undefined;

  private constructor(limits: SandboxLimits, enforceDeadline: boolean) {
    this.timeout = enforceDeadline ? limits.taskMs : undefined;
  }

  static create(options: { limits: SandboxLimits; natives: GuestNatives; baseLibrary: string; enforceDeadline?: boolean }): VmEngine {
    const engine = new VmEngine(options.limits, options.enforceDeadline ?? true);
    // Microtasks run right after each script, inside its timeout, like QuickJS's job drain.
    const context = vm.createContext({}, { name: 'mpk-logic', codeGeneration: { strings: false, wasm: false }, microtaskMode: 'afterEvaluate' });
    engine.context = context;
    let dispatcher: unknown;
    const outcome = engine.run(() => {
      const install = new vm.Script(options.baseLibrary, { filename: 'mpk-baselib.js' }).runInContext(context, { timeout: Math.max(5000, options.limits.taskMs) });
      dispatcher = (install as (natives: GuestNatives) => unknown)(options.natives);
    });
    if (!outcome.ok || typeof dispatcher !== 'function') {
      throw new Error(`mpk: the base library failed to start in node:vm: ${outcome.ok ? 'no dispatcher' : outcome.message}`);
    }
    Object.defineProperty(context, ENTRY, { value: dispatcher, enumerable: false });
    Object.defineProperty(context, IO, { value: engine.io, enumerable: false });
    return engine;
  }

  evalScript(filename: string, source: string): EntryOutcome {
    return this.run(() => {
      // Compiling is outside the timeout; running the bundle's top level is inside.
      new vm.Script(source, { filename }).runInContext(this.context!, { timeout: this.timeout });
    });
  }

  call(op: EntryOp, arg: string | number): EntryOutcome {
    return this.run(() => {
      this.io.op = op;
      this.io.arg = arg;
      try {
        this.entryScript.runInContext(this.context!, { timeout: this.timeout });
      } finally {
        this.io.arg = '';
      }
    });
  }

  /**
   * Microtasks already ran right after the entry's script (microtaskMode: 'afterEvaluate'), after
   * the guest flushed. Report one job so the loop flushes again and their output goes out now.
   */
  runJobs(): EntryOutcome & { jobs: number } {
    return { ok: true, jobs: 1 };
  }

  hasPendingJobs(): boolean {
    return false;
  }

  dispose(): void {
    this.context = undefined;
  }

  private run(body: () => void): EntryOutcome {
    if (!this.context) return { ok: false, failure: 'fatal', message: 'the sandbox is disposed' };
    try {
      body();
      return OK;
    } catch (err) {
      const e = err as { code?: unknown; name?: unknown; message?: unknown; stack?: unknown } | null;
      if (e && e.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, failure: 'timeout', message: String(e.message) };
      const name = e && typeof e.name === 'string' ? e.name : 'Error';
      const message = e && typeof e.message === 'string' ? `${name}: ${e.message}` : `${String(err)} was thrown`;
      return { ok: false, failure: 'error', message, stack: e && typeof e.stack === 'string' ? e.stack : undefined };
    }
  }
}
