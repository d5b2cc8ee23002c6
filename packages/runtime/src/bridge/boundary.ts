/**
 * The trust boundary on the host's side of a transport: every logic → host batch (and every
 * synchronous invoke) is checked by `checkLogicBatch` before the host sees it, so the in-process
 * QuickJS transport, the vm baseline, the Web Worker transport and a host's own transport behave
 * the same. A malformed message is the guest's error, never an exception in the host: it is dropped
 * and reported as `error { kind: 'protocol' }` (the container's `error` event), the guest hears it
 * as a `guestError` (App.onError, my.onError), and an app that keeps sending malformed traffic is
 * terminated (`error { kind: 'terminated' }`, the sandbox disposed).
 */
import type { ErrorMessage, InvokeMessage, LogicToHost, LogicTransport, ReplyMessage } from '../contract/protocol.ts';
import { callIdOf, checkLogicBatch, checkSyncInvoke, resolveBoundaryLimits, type BoundaryLimits } from './validate.ts';

export interface BoundaryOptions {
  limits?: Partial<BoundaryLimits>;
}

const guardedTransports = new WeakSet<object>();

/** Whether `transport` already checks what it delivers (made by `guardTransport`). */
export function isGuarded(transport: object): boolean {
  return guardedTransports.has(transport);
}

type Terminable = LogicTransport & { readonly terminated?: boolean };

/**
 * Wraps a transport so that what it delivers has passed the boundary check. The result keeps the
 * transport's other members (`memoryBytes`, `syncCalls`…); `terminated` is also true once the
 * boundary gave up on the app.
 */
export function guardTransport<T extends Terminable>(inner: T, options: BoundaryOptions = {}): T & { readonly terminated: boolean } {
  if (isGuarded(inner)) return inner as T & { readonly terminated: boolean };
  const limits = resolveBoundaryLimits(options.limits);
  let receiver: ((batch: LogicToHost[]) => void) | undefined;
  let closed = false;
  let gaveUp = false;
  let disposed = false;
  /** The latest batches' verdicts (true: malformed), at most `malformedWindow` of them. */
  const recent: boolean[] = [];
  let total = 0;
  let inSyncCall = false;

  const innerTerminated = (): boolean => (inner as { terminated?: unknown }).terminated === true;

  const disposeInner = (): void => {
    if (disposed) return;
    disposed = true;
    try {
      const done = inner.dispose();
      if (done && typeof (done as Promise<void>).then === 'function') (done as Promise<void>).catch(() => undefined);
    } catch {
      // A transport's dispose is fallible; the boundary has already stopped listening.
    }
  };

  const terminate = (reason: string): void => {
    if (closed) return;
    closed = true;
    gaveUp = true;
    receiver?.([{ t: 'error', kind: 'terminated', message: reason }]);
    // Never dispose a sandbox from inside one of its own calls (a synchronous invoke).
    if (inSyncCall) queueMicrotask(disposeInner);
    else disposeInner();
  };

  const note = (bad: boolean): number => {
    recent.push(bad);
    if (recent.length > limits.malformedWindow) recent.shift();
    return recent.filter(Boolean).length;
  };

  /** Counts one malformed batch; returns the report to deliver, and whether it is one too many. */
  const malformed = (problems: string[], refused: number): { report: ErrorMessage; fatal: boolean } => {
    const bad = note(true);
    total++;
    const listed = problems.join('; ');
    const more = refused > problems.length ? ` (and ${refused - problems.length} more)` : '';
    const message = `the logic layer sent ${refused === 1 ? 'a malformed message' : `${refused} malformed messages`}, dropped: ${listed}${more}`;
    const fatal = bad >= limits.maxMalformedRecent || total >= limits.maxMalformedTotal;
    return { report: { t: 'error', kind: 'protocol', message }, fatal };
  };

  const afterMalformed = (report: ErrorMessage, fatal: boolean): void => {
    if (fatal) {
      const why = total >= limits.maxMalformedTotal ? `${total} malformed batches` : `${recent.filter(Boolean).length} malformed batches among the latest ${recent.length}`;
      terminate(`terminated after ${why} from the logic layer (last: ${report.message})`);
      return;
    }
    // App.onError and my.onError hear about it, as about a timeout.
    try {
      inner.post([{ t: 'guestError', message: `mpk: ${report.message}` }]);
    } catch {
      /* the transport is going away */
    }
  };

  const accept = (batch: unknown): void => {
    if (closed || !receiver) return;
    const check = checkLogicBatch(batch, limits);
    let messages = check.messages;
    const problems = check.problems;
    let refused = check.refused;
    // What the sandbox's host loop reports about the bytes it got (not JSON, not an array), and a
    // guest claiming a termination that did not happen, count as malformed traffic too.
    if (messages.some((m) => m.t === 'error' && (m.kind === 'protocol' || (m.kind === 'terminated' && !innerTerminated())))) {
      messages = messages.filter((m) => {
        if (m.t !== 'error') return true;
        if (m.kind === 'protocol') problems.push(m.message);
        else if (m.kind === 'terminated' && !innerTerminated()) problems.push('an error of kind "terminated" (only the sandbox reports that)');
        else return true;
        refused++;
        return false;
      });
    }
    if (refused === 0) {
      note(false);
      receiver(messages);
      return;
    }
    const { report, fatal } = malformed(problems.slice(0, 5), refused);
    receiver([...messages, report]);
    afterMalformed(report, fatal);
  };

  const wrapper = Object.create(inner) as T & { readonly terminated: boolean };
  Object.defineProperties(wrapper, {
    post: {
      value: (batch: Parameters<LogicTransport['post']>[0]) => {
        if (!closed) inner.post(batch);
      },
    },
    onMessage: {
      value: (handler: (batch: LogicToHost[]) => void) => {
        receiver = handler;
        inner.onMessage((batch) => accept(batch));
      },
    },
    loadScript: {
      value: (filename: string, source: string) => {
        if (!closed) inner.loadScript(filename, source);
      },
    },
    onSyncInvoke: {
      value: (handler: (msg: InvokeMessage) => ReplyMessage) => {
        inner.onSyncInvoke((msg: InvokeMessage): ReplyMessage => {
          const cb = callIdOf(msg);
          if (closed) return { t: 'reply', cb, ok: false, error: { error: 3, errorMessage: 'the mini-program was terminated' } };
          const problem = checkSyncInvoke(msg, limits);
          if (problem === undefined) return handler(msg);
          inSyncCall = true;
          try {
            const { report, fatal } = malformed([problem], 1);
            receiver?.([report]);
            afterMalformed(report, fatal);
          } finally {
            inSyncCall = false;
          }
          return { t: 'reply', cb, ok: false, error: { error: 2, errorMessage: `malformed synchronous call: ${problem}` } };
        });
      },
    },
    idle: {
      value: () => (disposed ? Promise.resolve() : inner.idle()),
    },
    dispose: {
      value: () => {
        closed = true;
        if (disposed) return;
        disposed = true;
        return inner.dispose();
      },
    },
    terminated: {
      get: () => gaveUp || innerTerminated(),
    },
  });
  guardedTransports.add(wrapper);
  return wrapper;
}
