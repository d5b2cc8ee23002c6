/**
 * Pointer input → the mini-program's touch events, delegated on the container.
 *
 * - `touchStart` / `touchMove` / `touchEnd` / `touchCancel` from pointer events (mouse, pen and
 *   touch alike), reported at the node where the press began, with `touches` (every pointer still
 *   down) and `changedTouches` (this one): `{ identifier, pageX, pageY, clientX, clientY }`, client
 *   coordinates relative to the screen (the container), page coordinates adding the page's scroll.
 * - `longTap` once a press has lasted 500 ms without moving; that press then reports no `tap`.
 * - `tap` from `click` (so keyboard activation counts), unless the press moved or was a long tap.
 * - `hover-class` (button default `button-hover`) while pressed, with the hover timings.
 */

import type { DomRecord } from './types.ts';
import { PAGE_TAG } from './types.ts';
import { cssZoomOf } from './css-zoom.ts';

export const LONG_TAP_MS = 500;
/** Movement (px) after which a press is a drag: no tap, no long tap. */
export const TAP_SLOP = 10;

export interface TouchPoint {
  identifier: number;
  pageX: number;
  pageY: number;
  clientX: number;
  clientY: number;
}

export interface GestureHost {
  readonly container: HTMLElement;
  /** Nearest node record at or above a DOM target. */
  recordFor(target: EventTarget | null): DomRecord | undefined;
  /** Is this record still rendered? */
  isLive(record: DomRecord): boolean;
  /** The page root around `record` (coordinates are relative to it), or undefined. */
  pageRootOf(record: DomRecord): HTMLElement | undefined;
  dispatch(record: DomRecord, type: string, detail: unknown, extra?: { touches?: unknown[]; changedTouches?: unknown[] }): void;
  /** A tap at `record` whose DOM target was `element`. */
  tap(record: DomRecord, element: Element, point: TouchPoint): void;
  /** Parent record in the rendered tree. */
  parentOf(record: DomRecord): DomRecord | undefined;
  setHover(record: DomRecord, classes: string[], on: boolean): void;
  tapDetail(record: DomRecord, element: Element, point: TouchPoint): Record<string, unknown>;
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(handle: number | undefined): void;
}

interface Press {
  record: DomRecord;
  element: Element;
  startX: number;
  startY: number;
  point: TouchPoint;
  moved: boolean;
  longFired: boolean;
  longTimer?: number;
  hovers: HoverEntry[];
}

interface HoverEntry {
  record: DomRecord;
  classes: string[];
  stay: number;
  timer?: number;
  shown: boolean;
}

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(n) ? fallback : Math.max(0, n);
}

export class Gestures {
  private readonly presses = new Map<number, Press>();
  /** Set at pointerup: whether the click that follows is a tap. */
  private suppressClick = false;
  private readonly listeners: Array<[EventTarget, string, EventListener, boolean]> = [];

  constructor(private readonly host: GestureHost) {}

  attach(): void {
    const { container } = this.host;
    const win = container.ownerDocument.defaultView;
    this.listen(container, 'pointerdown', (e) => this.down(e as PointerEvent));
    // Moves and releases are watched on the window: a press that leaves the container still ends.
    if (win) {
      this.listen(win, 'pointermove', (e) => this.move(e as PointerEvent));
      this.listen(win, 'pointerup', (e) => this.up(e as PointerEvent, false));
      this.listen(win, 'pointercancel', (e) => this.up(e as PointerEvent, true));
    }
    this.listen(container, 'click', (e) => this.click(e as MouseEvent));
    this.listen(container, 'dragstart', (e) => {
      if ((e.target as Element | null)?.localName === 'img') e.preventDefault();
    });
  }

  detach(): void {
    for (const [target, type, listener, capture] of this.listeners) target.removeEventListener(type, listener, capture);
    this.listeners.length = 0;
    for (const press of this.presses.values()) this.endPress(press);
    this.presses.clear();
  }

  private listen(target: EventTarget, type: string, listener: EventListener, capture = false): void {
    target.addEventListener(type, listener, capture);
    this.listeners.push([target, type, listener, capture]);
  }

  private point(event: PointerEvent | MouseEvent, record: DomRecord, identifier: number): TouchPoint {
    const root = this.host.pageRootOf(record) ?? this.host.container;
    const box = root.getBoundingClientRect();
    const zoom = cssZoomOf(root);
    const clientX = (event.clientX - box.left) / zoom;
    const clientY = (event.clientY - box.top) / zoom;
    return { identifier, clientX, clientY, pageX: clientX + root.scrollLeft, pageY: clientY + root.scrollTop };
  }

  private touchesExcept(identifier?: number): TouchPoint[] {
    const out: TouchPoint[] = [];
    for (const [id, press] of this.presses) if (id !== identifier) out.push({ ...press.point });
    return out;
  }

  private down(event: PointerEvent): void {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const element = event.target as Element | null;
    const record = this.host.recordFor(element);
    if (!record || !element || record.tag === PAGE_TAG) return;
    const old = this.presses.get(event.pointerId);
    if (old) this.endPress(old);
    const press: Press = {
      record,
      element,
      startX: event.clientX,
      startY: event.clientY,
      point: this.point(event, record, event.pointerId),
      moved: false,
      longFired: false,
      hovers: this.hoverChain(record),
    };
    this.presses.set(event.pointerId, press);
    this.suppressClick = false;
    this.host.dispatch(record, 'touchStart', undefined, { touches: this.touchesExcept(), changedTouches: [{ ...press.point }] });
    if (event.isPrimary) {
      press.longTimer = this.host.setTimeout(() => {
        press.longTimer = undefined;
        if (press.moved || this.presses.get(event.pointerId) !== press || !this.host.isLive(press.record)) return;
        press.longFired = true;
        this.host.dispatch(press.record, 'longTap', this.host.tapDetail(press.record, press.element, press.point), {
          touches: this.touchesExcept(),
          changedTouches: [{ ...press.point }],
        });
      }, LONG_TAP_MS);
    }
    for (const hover of press.hovers) {
      hover.timer = this.host.setTimeout(() => {
        hover.timer = undefined;
        hover.shown = true;
        this.host.setHover(hover.record, hover.classes, true);
      }, num(hover.record.attrs['hover-start-time'], hover.record.tag === 'button' ? 20 : 50));
    }
  }

  private move(event: PointerEvent): void {
    const press = this.presses.get(event.pointerId);
    if (!press) return;
    press.point = this.point(event, press.record, event.pointerId);
    if (!press.moved && Math.hypot(event.clientX - press.startX, event.clientY - press.startY) > TAP_SLOP) {
      press.moved = true;
      this.host.clearTimeout(press.longTimer);
      this.clearHovers(press, true);
    }
    if (!this.host.isLive(press.record)) return;
    this.host.dispatch(press.record, 'touchMove', undefined, { touches: this.touchesExcept(), changedTouches: [{ ...press.point }] });
  }

  private up(event: PointerEvent, cancelled: boolean): void {
    const press = this.presses.get(event.pointerId);
    if (!press) return;
    if (!cancelled) press.point = this.point(event, press.record, event.pointerId);
    this.presses.delete(event.pointerId);
    this.endPress(press);
    if (event.isPrimary) this.suppressClick = cancelled || press.moved || press.longFired;
    if (!this.host.isLive(press.record)) return;
    this.host.dispatch(press.record, cancelled ? 'touchCancel' : 'touchEnd', undefined, {
      touches: this.touchesExcept(event.pointerId),
      changedTouches: [{ ...press.point }],
    });
  }

  private click(event: MouseEvent): void {
    const suppressed = this.suppressClick && event.detail > 0;
    this.suppressClick = false;
    if (suppressed) return;
    const element = event.target as Element | null;
    const record = this.host.recordFor(element);
    if (!record || !element || record.tag === PAGE_TAG) return;
    // Nothing inside a disabled button is tapped (as a native disabled button swallows clicks).
    for (let at: DomRecord | undefined = record; at && at.tag !== PAGE_TAG; at = this.host.parentOf(at)) {
      if (at.component?.blocksTap?.()) return;
    }
    this.host.tap(record, element, this.point(event, record, 0));
  }

  private endPress(press: Press): void {
    this.host.clearTimeout(press.longTimer);
    press.longTimer = undefined;
    this.clearHovers(press, false);
  }

  private clearHovers(press: Press, now: boolean): void {
    for (const hover of press.hovers) {
      this.host.clearTimeout(hover.timer);
      hover.timer = undefined;
      if (!hover.shown) continue;
      hover.shown = false;
      if (now) this.host.setHover(hover.record, hover.classes, false);
      else this.host.setTimeout(() => this.host.setHover(hover.record, hover.classes, false), hover.stay);
    }
    press.hovers = press.hovers.filter((hover) => hover.shown);
  }

  /** Records that show a hover class for a press at `record`: it and its ancestors, up to `hover-stop-propagation`. */
  private hoverChain(record: DomRecord): HoverEntry[] {
    const chain: HoverEntry[] = [];
    for (let at: DomRecord | undefined = record; at && at.tag !== PAGE_TAG; at = this.host.parentOf(at)) {
      const fallback = at.tag === 'button' ? 'button-hover' : undefined;
      const value = at.attrs['hover-class'] ?? fallback;
      const disabled = at.component?.blocksTap?.() === true;
      if (typeof value === 'string' && value.trim() && value !== 'none' && !disabled) {
        chain.push({
          record: at,
          classes: value.trim().split(/\s+/),
          stay: num(at.attrs['hover-stay-time'], at.tag === 'button' ? 70 : 400),
          shown: false,
        });
      }
      if (at.attrs['hover-stop-propagation']) break;
    }
    return chain;
  }
}
