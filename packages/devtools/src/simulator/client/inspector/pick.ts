/**
 * The inspector's pick mode: while it is on, pointer, mouse and touch input on the phone's screen
 * is caught at the window in the capture phase — before the renderer's gesture listeners — and
 * never reaches the app (no tap, no touch events, no pull-down refresh). Moving reports the
 * element under the pointer; pressing picks it and ends the mode (the rest of that press, up to
 * its click, is swallowed too).
 */

const BLOCKED = ['pointerdown', 'pointerup', 'pointercancel', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'contextmenu', 'touchstart', 'touchmove', 'touchend', 'touchcancel'];
const MOVES = ['pointermove', 'mousemove'];
/** How long after the pick the rest of the press is still swallowed. */
const TAIL_MS = 800;

export interface PickHandlers {
  /** The element under the pointer (inside the screen), while picking. */
  hover(target: Element): void;
  pick(target: Element): void;
  /** The mode ended (picked, or cancelled with Escape or the button). */
  ended(): void;
}

export class PickMode {
  private on = false;
  private tailUntil = 0;
  private readonly block = (event: Event): void => this.onBlocked(event);
  private readonly move = (event: Event): void => this.onMove(event);
  private readonly key = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.on) this.stop();
  };

  constructor(
    /** The phone's screen area: only input there is caught. */
    private readonly screen: HTMLElement,
    private readonly handlers: PickHandlers,
  ) {}

  get active(): boolean {
    return this.on;
  }

  start(): void {
    if (this.on) return;
    this.on = true;
    this.screen.classList.add('inspect-picking');
    for (const type of BLOCKED) window.addEventListener(type, this.block, { capture: true });
    for (const type of MOVES) window.addEventListener(type, this.move, { capture: true });
    window.addEventListener('keydown', this.key, { capture: true });
  }

  stop(): void {
    if (!this.on) return;
    this.on = false;
    this.screen.classList.remove('inspect-picking');
    for (const type of MOVES) window.removeEventListener(type, this.move, { capture: true });
    window.removeEventListener('keydown', this.key, { capture: true });
    // The blockers stay for the rest of the press that picked (its pointerup, mouseup, click).
    if (this.tailUntil > performance.now()) setTimeout(() => this.removeBlockers(), TAIL_MS);
    else this.removeBlockers();
    this.handlers.ended();
  }

  private removeBlockers(): void {
    if (this.on) return;
    for (const type of BLOCKED) window.removeEventListener(type, this.block, { capture: true });
  }

  /** The innermost element of the event inside the screen (through the app's open shadow root). */
  private targetOf(event: Event): Element | undefined {
    const path = event.composedPath();
    if (!path.includes(this.screen)) return undefined;
    const first = path[0];
    return first instanceof Element ? first : undefined;
  }

  private onBlocked(event: Event): void {
    const target = this.targetOf(event);
    if (!target) return;
    event.stopImmediatePropagation();
    event.preventDefault();
    if (!this.on) {
      if (event.type === 'click' || performance.now() > this.tailUntil) this.removeBlockers();
      return;
    }
    if (event.type === 'pointerdown' || event.type === 'touchstart' || (event.type === 'mousedown' && this.tailUntil < performance.now())) {
      this.tailUntil = performance.now() + TAIL_MS;
      this.handlers.pick(target);
      this.stop();
    }
  }

  private onMove(event: Event): void {
    const target = this.targetOf(event);
    if (!target) return;
    event.stopImmediatePropagation();
    this.handlers.hover(target);
  }
}
