/**
 * One transition, one frame. The renderer operations of a route transition (creating, showing,
 * destroying page roots) are held back with everything rendered after them until the transition
 * has rendered, then applied as one batch: a DOM host never paints a new page empty or
 * half-built, nor the page a navigateBack returns to without what its onShow set. On the platform
 * too a page appears once its first render is done.
 *
 * A transition that opens a page has rendered when that page is ready (its initial tree,
 * components included, is built); one that only returns to a page, when the logic layer has
 * answered its batch. Anything that needs the renderer to be current (a selector query,
 * scrolling) releases the held operations first, and so does a deadline, so a page that never
 * becomes ready (its render failed) still shows what it has.
 */
import type { RenderOp, Renderer } from '../contract/renderer.ts';

/** The longest a transition's operations are held (real time). */
export const FIRST_FRAME_MS = 1000;

export class FirstFrame {
  private held: RenderOp[] | undefined;
  /** The page whose readiness ends the hold; undefined while waiting for the logic layer's answer. */
  private page: number | undefined;
  private generation = 0;
  private deadline: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly renderer: Renderer) {}

  /**
   * Starts holding for a transition that opens page `opens` (or none); a hold in progress joins
   * it and waits for the later transition instead. Returns a token for `answered`.
   */
  hold(opens: number | undefined): number {
    this.page = opens;
    if (!this.held) {
      this.held = [];
      this.deadline = setTimeout(() => this.release(), FIRST_FRAME_MS);
      (this.deadline as { unref?: () => void }).unref?.();
    }
    return ++this.generation;
  }

  apply(ops: readonly RenderOp[]): void {
    if (!this.held) {
      this.renderer.apply(ops);
      return;
    }
    for (const op of ops) this.held.push(op);
  }

  /** The view reported page `pageId` ready. */
  ready(pageId: number): void {
    if (this.held && pageId === this.page) this.release();
  }

  /** The logic layer processed the batch of transition `token` (and the view applied its answer). */
  answered(token: number): void {
    if (this.held && token === this.generation && this.page === undefined) this.release();
  }

  /** Applies what is held, if anything. */
  release(): void {
    const ops = this.held;
    this.stop();
    if (ops && ops.length > 0) this.renderer.apply(ops);
  }

  /** Drops what is held (the container is going away). */
  discard(): void {
    this.stop();
  }

  private stop(): void {
    if (this.deadline !== undefined) clearTimeout(this.deadline);
    this.deadline = undefined;
    this.held = undefined;
    this.page = undefined;
  }
}
