/**
 * Selector queries measure what is on screen, so they wait for it: a query sent by a component
 * that has not rendered yet (from `onInit`), or by a page before its first frame (from `onLoad`),
 * is parked until that instance has rendered — a component until it mounted (its subtree rendered),
 * a page until it is ready — and answered then, as on the platform, where the answer follows the
 * first render. A query for an instance that is gone, or that the gate never saw, runs at once.
 *
 * Parked work is not in flight: an instance that never renders leaves its query unanswered
 * without keeping the container busy.
 */
export class RenderGate {
  /** Instances created and not rendered yet → work waiting for them. */
  private readonly waiting = new Map<number, (() => void)[]>();

  /** A page or component instance exists and will render. */
  created(id: number): void {
    if (!this.waiting.has(id)) this.waiting.set(id, []);
  }

  /** The instance rendered (component mounted, page ready), or it is gone: what waited for it runs. */
  settled(id: number): void {
    const parked = this.waiting.get(id);
    if (!parked) return;
    this.waiting.delete(id);
    for (const run of parked) run();
  }

  /** Runs `run` once instance `id` has rendered (now, if it has or is unknown). */
  whenRendered(id: number | undefined, run: () => void): void {
    const parked = id === undefined ? undefined : this.waiting.get(id);
    if (parked) parked.push(run);
    else run();
  }

  clear(): void {
    this.waiting.clear();
  }
}
