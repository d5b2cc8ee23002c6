/**
 * Shares in flight between the host and the logic layer (docs: onShareAppMessage). The container
 * asks a page with a `share` message; the page's answer arrives as the internal `shareAppMessage`
 * call carrying the same `request` number. A page that never answers (it closed, or its promise is
 * still pending when the app goes idle) settles its request with nothing. `my.hideShareMenu`
 * turns menu shares of a page off.
 */
import type { EventTargetInfo, ShareMessage } from '../contract/protocol.ts';

export type ShareFrom = ShareMessage['from'];

/** What a share of a page carries, as the container reports it (`share()` and the `share` event). */
export interface ShareInfo<Page> {
  page: Page;
  from: ShareFrom;
  /** What the page's `onShareAppMessage` returned (functions removed); undefined when it defines none. */
  content?: Record<string, unknown>;
}

export class ShareDesk<Page> {
  private next = 1;
  private readonly waiting = new Map<number, (info: ShareInfo<Page> | undefined) => void>();
  private readonly hidden = new Set<number>();

  /** The `share` message for page `id`; nobody waits for its answer (it is still reported as a `share` event). */
  ask(id: number, from: ShareFrom, target?: EventTargetInfo): ShareMessage {
    const message: ShareMessage = { t: 'share', id, request: this.next++, from };
    if (target !== undefined) message.target = target;
    return message;
  }

  /** The `share` message for page `id` and the promise of its answer. */
  open(id: number, from: ShareFrom, target?: EventTargetInfo): { message: ShareMessage; answer: Promise<ShareInfo<Page> | undefined> } {
    const message = this.ask(id, from, target);
    const answer = new Promise<ShareInfo<Page> | undefined>((resolve) => this.waiting.set(message.request, resolve));
    return { message, answer };
  }

  /** The page answered request `request` (undefined: a share the host did not ask for, still reported). */
  answered(request: number | undefined, info: ShareInfo<Page>): void {
    if (request === undefined) return;
    this.waiting.get(request)?.(info);
    this.waiting.delete(request);
  }

  /** Gives up waiting for `request`: its promise resolves with nothing. */
  expire(request: number): void {
    this.waiting.get(request)?.(undefined);
    this.waiting.delete(request);
  }

  hideMenu(id: number): void {
    this.hidden.add(id);
  }

  menuHidden(id: number): boolean {
    return this.hidden.has(id);
  }
}
