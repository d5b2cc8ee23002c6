/**
 * Sharing a page (docs: 小程序页面/页面运行机制 → onShareAppMessage, api/分享): the host asks with
 * `share { id, request, from, target? }` (the share menu, an `open-type="share"` button,
 * `my.showSharePanel`); the base library calls the page's `onShareAppMessage({ from, target })`,
 * waits for it when it returns a promise, and hands what it returned to the host through the
 * internal `shareAppMessage` API. The host's answer (the share went through, or not) reaches the
 * returned object's `success({ channelName, shareResult })` / `fail(error)`.
 */
import type { ShareMessage } from '../contract/protocol.ts';
import { guard, isThenable } from './errors.ts';
import { instances, sourceOf } from './instance.ts';
import { invokeAsync } from './my.ts';
import { isObject, state } from './state.ts';

const ignore = () => {};

export function sharePage(msg: ShareMessage): void {
  const int = instances.get(msg.id);
  if (!int || int.kind !== 'page' || int.dead) return;
  const from = typeof msg.from === 'string' ? msg.from : 'menu';
  const answer = (returned: unknown) => {
    if (!state.apis.has('shareAppMessage')) return;
    const content = isObject(returned) ? returned : undefined;
    // A share that does not go through is the user's choice, not an error to report: `complete` marks it handled.
    invokeAsync('shareAppMessage', { page: msg.id, request: msg.request, from, content, success: content?.success, fail: content?.fail, complete: ignore });
  };
  const handler = int.pub.onShareAppMessage;
  if (typeof handler !== 'function') return answer(undefined);
  const options: Record<string, unknown> = { from };
  if (msg.target !== undefined) options.target = msg.target;
  const result = guard(handler, int.pub, [options], sourceOf(int));
  // Docs: onShareAppMessage may return a promise of the share object (base library 2.6.7+).
  if (isThenable(result)) result.then(answer, () => answer(undefined));
  else answer(result);
}
