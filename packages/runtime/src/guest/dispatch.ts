/** The one guest entry point the host calls: a batch of messages, a timer, or a flush. */
import type { HostToLogic, InitMessage } from '../contract/protocol.ts';
import { PROTOCOL_VERSION } from '../contract/protocol.ts';
import { EntryOp } from '../contract/guest-abi.ts';
import { appHide, appShow, launch } from './app.ts';
import { createComponent, dispatchEvent, mountComponent, moveComponent, unmountComponent, updateProps } from './components.ts';
import { devEvaluate } from './dev-console.ts';
import { isFatal, notifyErrorListeners, resetTransientErrorState } from './errors.ts';
import { parse, post, sendOutbox } from './host.ts';
import { describeError } from './inspect.ts';
import { flushInstances, instances, onRendered, resetTransientInstanceState, setData } from './instance.ts';
import { installApis, onHostEvent, onReply, onTaskEvent, reportUnobservedRejections } from './my.ts';
import { resetCurrentModule } from './modules.ts';
import { loadPage, pageEvent, pageLifecycle, unloadPage } from './pages.ts';
import { reportTrackedRejections } from './rejections.ts';
import { sharePage } from './share.ts';
import { isObject, state } from './state.ts';
import { fireTimer } from './timers.ts';
import { append, isArray, toStr } from './intrinsics.ts';

function init(msg: InitMessage): void {
  if (msg.protocol !== PROTOCOL_VERSION) {
    post({ t: 'error', kind: 'uncaught', message: `mpk base library speaks protocol ${PROTOCOL_VERSION}, the host sent init for protocol ${toStr(msg.protocol)}` });
  }
  installApis(msg);
  state.eager = msg.eagerModules !== false;
  post({ t: 'ready', protocol: PROTOCOL_VERSION });
}

function handle(msg: HostToLogic): void {
  switch (msg.t) {
    case 'init': return init(msg);
    case 'appLaunch': return launch(msg.options);
    case 'appShow': return appShow(msg.options);
    case 'appHide': return appHide();
    case 'stack':
      state.stack = numbersOf(msg.ids);
      return;
    case 'pageLoad': return loadPage(msg);
    case 'pageShow': return pageLifecycle(msg.id, 'onShow');
    case 'pageReady': return pageLifecycle(msg.id, 'onReady');
    case 'pageHide': return pageLifecycle(msg.id, 'onHide');
    case 'pageUnload': return unloadPage(msg.id);
    case 'pageEvent': return pageEvent(msg);
    case 'share': return sharePage(msg);
    case 'compCreate': return createComponent(msg);
    case 'compProps': return updateProps(msg);
    case 'compMount': return mountComponent(msg.id);
    case 'compMove': return moveComponent(msg.id);
    case 'compUnmount': return unmountComponent(msg.id);
    case 'rendered': {
      const int = instances.get(msg.id);
      if (int) onRendered(int, msg.seq);
      return;
    }
    case 'event': return dispatchEvent(msg);
    case 'reply': return onReply(msg);
    case 'task': return onTaskEvent(msg);
    case 'hostEvent': return onHostEvent(msg);
    case 'devSetData': {
      // Devtools' AppData editor: the instance's own setData, so limits and patches are the usual ones.
      const int = instances.get(msg.id);
      if (int && isObject(msg.data) && !isArray(msg.data)) setData(int, msg.data, undefined);
      return;
    }
    case 'devEvaluate': return devEvaluate(msg);
    case 'guestError': return notifyErrorListeners(toStr(msg.message), typeof msg.stack === 'string' ? msg.stack : undefined);
    default:
      // Unknown message kinds are ignored (a newer host may send more).
      return;
  }
}

function numbersOf(ids: unknown): number[] {
  const out: number[] = [];
  if (!isArray(ids)) return out;
  for (let i = 0; i < ids.length; i++) if (typeof ids[i] === 'number') append(out, ids[i] as number);
  return out;
}

function internalError(err: unknown): void {
  if (isFatal(err)) throw err;
  const { message, stack } = describeError(err);
  post({ t: 'error', kind: 'uncaught', message: `mpk base library: ${message}`, stack });
}

export function flush(): void {
  flushInstances();
  reportUnobservedRejections();
  reportTrackedRejections();
  flushInstances();
  sendOutbox();
}

/**
 * The batch being processed. An interrupt (CPU deadline) or heap exhaustion unwinds through here
 * without running any handler, leaving this state behind: the next entry resumes after the
 * message that failed, so one runaway handler does not swallow the rest of its batch.
 */
let batch: unknown[] | undefined;
let next = 0;

function drainBatch(): void {
  while (batch && next < batch.length) {
    const msg = batch[next++];
    if (!isObject(msg) || typeof msg.t !== 'string') continue;
    try {
      handle(msg as HostToLogic);
    } catch (err) {
      internalError(err);
    }
  }
  batch = undefined;
}

export function entry(op: number, arg: unknown): void {
  resetTransientErrorState();
  resetTransientInstanceState();
  resetCurrentModule();
  try {
    drainBatch();
    if (op === EntryOp.Batch) {
      let parsed: unknown;
      try {
        parsed = parse(toStr(arg));
      } catch (err) {
        internalError(err);
        return;
      }
      if (!isArray(parsed)) return;
      batch = parsed;
      next = 0;
      drainBatch();
    } else if (op === EntryOp.Timer) {
      fireTimer(+(arg as number));
    }
  } finally {
    flush();
  }
}
