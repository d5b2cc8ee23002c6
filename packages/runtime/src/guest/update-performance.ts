/**
 * `this.setUpdatePerformanceListener(options, listener)` (docs: 自定义组件/获取更新性能统计信息):
 * one report per update of the instance once the view rendered it — every setData of one task
 * travels in one patch, so an update is a patch (its `seq` is the `updateProcessId`) and none is
 * ever a merged or sub-update. `null` as the listener stops the reports.
 */
import { guard } from './errors.ts';
import type { PatchPath } from '../contract/protocol.ts';
import type { Internal } from './instance.ts';
import { hostNow } from './host.ts';
import { SafeMap, SafeWeakMap, append, forEachOfMap, mapList } from './intrinsics.ts';

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
  sent: SafeMap<number, { calls: Call[]; start: number }>;
}

// On the setData path: captured built-ins only (intrinsics.ts).
const trackers = new SafeWeakMap<Internal, Tracker>();

export function setUpdatePerformanceListener(int: Internal, options: unknown, listener: unknown): void {
  if (listener === null || listener === undefined) {
    trackers.delete(int);
    return;
  }
  if (typeof listener !== 'function') throw new TypeError('setUpdatePerformanceListener(options, listener): listener must be a function or null');
  const withDataPaths = typeof options === 'object' && options !== null && (options as { withDataPaths?: unknown }).withDataPaths === true;
  trackers.set(int, { withDataPaths, listener, nextCall: 1, calls: [], sent: new SafeMap() });
}

/** One setData/$spliceData call (its staged paths) entered the pending update. Free when nobody listens. */
export function noteDataCall(int: Internal, staged: readonly { path: PatchPath }[]): void {
  const tracker = trackers.get(int);
  if (tracker) append(tracker.calls, { id: tracker.nextCall++, pendingStartTimestamp: hostNow(), dataPaths: mapList(staged, (s) => s.path) });
}

/** A tracker listens to this instance's updates (its patches need a `rendered` ack). */
export function isTracked(int: Internal): boolean {
  return trackers.get(int) !== undefined;
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
  const due: [number, { calls: Call[]; start: number }][] = [];
  forEachOfMap(tracker.sent, (update, id) => {
    if (id <= seq) append(due, [id, update]);
  });
  for (let d = 0; d < due.length; d++) {
    const id = due[d][0];
    const update = due[d][1];
    tracker.sent.delete(id);
    const paths: PatchPath[] = [];
    for (let c = 0; c < update.calls.length; c++) for (let p = 0; p < update.calls[c].dataPaths.length; p++) append(paths, update.calls[c].dataPaths[p]);
    const report: Record<string, unknown> = {
      updateProcessId: id,
      isMergedUpdate: false,
      dataList: mapList(update.calls, (call) =>
        tracker.withDataPaths ? { id: call.id, pendingStartTimestamp: call.pendingStartTimestamp, dataPaths: call.dataPaths } : { id: call.id, pendingStartTimestamp: call.pendingStartTimestamp },
      ),
      updateStartTimestamp: update.start,
      updateEndTimestamp: hostNow(),
    };
    if (tracker.withDataPaths) report.dataPaths = paths;
    guard(tracker.listener, int.pub, [report]);
  }
}
