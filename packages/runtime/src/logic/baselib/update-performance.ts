/**
 * `this.setUpdatePerformanceListener(options, listener)` (docs: 自定义组件/获取更新性能统计信息):
 * one report per update of the instance once the view rendered it — every setData of one task
 * travels in one patch, so an update is a patch (its `seq` is the `updateProcessId`) and none is
 * ever a merged or sub-update. `null` as the listener stops the reports.
 */
import { guard } from './errors.ts';
import type { PatchPath } from '../../bridge/protocol.ts';
import type { Internal } from './instance.ts';
import { hostNow } from './host.ts';

interface Call {
  id: number;
  pendingStartTimestamp: number;
  dataPaths: PatchPath[];
}

interface Tracker {
  withDataPaths: boolean;
  listener: Function;
  nextCall: number;
  calls: Call[];
  /** Patches sent and not yet rendered: seq → what they carried. */
  sent: Map<number, { calls: Call[]; start: number }>;
}

const trackers = new WeakMap<Internal, Tracker>();

export function setUpdatePerformanceListener(int: Internal, options: unknown, listener: unknown): void {
  if (listener === null || listener === undefined) {
    trackers.delete(int);
    return;
  }
  if (typeof listener !== 'function') throw new TypeError('setUpdatePerformanceListener(options, listener): listener must be a function or null');
  const withDataPaths = typeof options === 'object' && options !== null && (options as { withDataPaths?: unknown }).withDataPaths === true;
  trackers.set(int, { withDataPaths, listener, nextCall: 1, calls: [], sent: new Map() });
}

/** One setData/$spliceData call (its staged paths) entered the pending update. Free when nobody listens. */
export function noteDataCall(int: Internal, staged: readonly { path: PatchPath }[]): void {
  const tracker = trackers.get(int);
  if (tracker) tracker.calls.push({ id: tracker.nextCall++, pendingStartTimestamp: hostNow(), dataPaths: staged.map((s) => s.path) });
}

/** The pending update left as patch `seq`. */
export function notePatch(int: Internal, seq: number): void {
  const tracker = trackers.get(int);
  if (!tracker) return;
  tracker.sent.set(seq, { calls: tracker.calls, start: hostNow() });
  tracker.calls = [];
}

/** The view rendered patches up to `seq`: one report per update it covers. */
export function noteRendered(int: Internal, seq: number): void {
  const tracker = trackers.get(int);
  if (!tracker) return;
  for (const [id, update] of [...tracker.sent]) {
    if (id > seq) continue;
    tracker.sent.delete(id);
    const paths = update.calls.flatMap((call) => call.dataPaths);
    const report: Record<string, unknown> = {
      updateProcessId: id,
      isMergedUpdate: false,
      dataList: update.calls.map((call) =>
        tracker.withDataPaths ? { id: call.id, pendingStartTimestamp: call.pendingStartTimestamp, dataPaths: call.dataPaths } : { id: call.id, pendingStartTimestamp: call.pendingStartTimestamp },
      ),
      updateStartTimestamp: update.start,
      updateEndTimestamp: hostNow(),
    };
    if (tracker.withDataPaths) report.dataPaths = paths;
    guard(tracker.listener, int.pub, [report]);
  }
}
