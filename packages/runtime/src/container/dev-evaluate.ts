/**
 * Devtools' Console input, host side: `Container.devEvaluate(expression)` posts `devEvaluate` and
 * this desk matches the `devResult` answers to the waiting calls. An evaluation the sandbox stopped
 * (its deadline, the heap limit, termination) never answers: the sandbox's error settles it instead,
 * unless the expression already finished its synchronous part (a promise, `pending`), whose later
 * answer may take at most `asyncMs`.
 */
import type { DevResultMessage, ErrorMessage } from '../contract/protocol.ts';

export type DevEvaluation =
  /** `value` is rendered as console arguments are (JSON-safe, bounded); `type` is its `typeof` (`null` for null). */
  | { ok: true; value: unknown; type: string }
  | { ok: false; kind: 'error' | 'timeout' | 'oom' | 'terminated' | 'unanswered' | 'refused'; message: string; stack?: string };

/** Longest expression the desk sends (characters). */
export const MAX_EXPRESSION_CHARS = 64 * 1024;
/** How long a promise result may take to settle. */
const ASYNC_MS = 30_000;

interface Waiting {
  resolve(result: DevEvaluation): void;
  /** Its synchronous part finished (the result is a promise still settling). */
  async: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class DevEvaluations {
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly mapStack: (stack: string) => string) {}

  /** Starts one evaluation: `send(req)` posts it; the promise settles with its answer. */
  start(expression: string, send: (req: number, expression: string) => boolean): Promise<DevEvaluation> {
    if (typeof expression !== 'string' || expression.trim() === '') return Promise.resolve({ ok: false, kind: 'refused', message: 'nothing to evaluate' });
    if (expression.length > MAX_EXPRESSION_CHARS) {
      return Promise.resolve({ ok: false, kind: 'refused', message: `an expression of ${expression.length} characters (at most ${MAX_EXPRESSION_CHARS})` });
    }
    const req = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(req, { resolve, async: false });
      if (!send(req, expression)) this.settle(req, { ok: false, kind: 'terminated', message: 'the app is not running' });
    });
  }

  /** A `devResult` from the logic layer. */
  answer(msg: DevResultMessage): void {
    const entry = this.waiting.get(msg.req);
    if (!entry) return;
    if (msg.status === 'pending') {
      entry.async = true;
      entry.timer = setTimeout(() => this.settle(msg.req, { ok: false, kind: 'unanswered', message: `the promise did not settle within ${ASYNC_MS / 1000} s` }), ASYNC_MS);
      (entry.timer as { unref?: () => void }).unref?.();
      return;
    }
    if (msg.status === 'ok') this.settle(msg.req, { ok: true, value: msg.value, type: msg.type });
    else this.settle(msg.req, { ok: false, kind: 'error', message: msg.message, ...(msg.stack ? { stack: this.mapStack(msg.stack) } : {}) });
  }

  /** An error the sandbox reported: a stopped task was the evaluation still in its synchronous part. */
  sandboxError(msg: ErrorMessage): void {
    if (msg.kind !== 'timeout' && msg.kind !== 'oom' && msg.kind !== 'terminated') return;
    for (const [req, entry] of this.waiting) {
      if (msg.kind === 'terminated' || !entry.async) this.settle(req, { ok: false, kind: msg.kind, message: msg.message });
    }
  }

  /** The container is going away. */
  close(): void {
    for (const req of [...this.waiting.keys()]) this.settle(req, { ok: false, kind: 'terminated', message: 'the app was closed' });
  }

  private settle(req: number, result: DevEvaluation): void {
    const entry = this.waiting.get(req);
    if (!entry) return;
    this.waiting.delete(req);
    if (entry.timer !== undefined) clearTimeout(entry.timer);
    entry.resolve(result);
  }
}
