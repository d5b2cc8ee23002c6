/**
 * `picker-view` / `picker-view-column`: an embedded scroll picker, drawn with the platform's
 * structure, which component libraries style (antd-mini's Picker:
 * `.ant-picker-content .a-picker-view-picker-indicator::before`, `… .a-picker-view-picker-mask`):
 *
 * ```html
 * <picker-view class="a-picker-view {class}">
 *   <picker-view-column class="a-picker-view-picker {class}">
 *     <div class="a-picker-view-picker-content">        the column's own scroll (snaps to items)
 *       <view class="a-picker-view-picker-item …">…     each child: one row, as tall as the indicator
 *     <div class="a-picker-view-picker-mask {mask-class}" style="{mask-style}">
 *     <div class="a-picker-view-picker-indicator {indicator-class}" style="{indicator-style}">
 * ```
 *
 * A column scrolls with the wheel, touch or a mouse drag and settles on a row; `value` (an index
 * per column) moves the columns. Events at the picker-view: `pickStart`, `pickEnd` and `change`
 * {value: [index per column]} once the columns came to rest on a new selection.
 */

import type { ComponentContext, ComponentFactory, DomRecord } from '../types.ts';
import { classNames } from '../../../view/selector.ts';
import { styleText } from '../style.ts';
import { toText } from './util.ts';

interface ColumnApi {
  /** The row the column shows now. */
  index(): number;
  /** Scroll to `index` (no event). */
  select(index: number, smooth: boolean): void;
  /** The picker-view's indicator/mask class and style changed. */
  decorate(): void;
}

interface PickerApi {
  indicatorClass: string;
  indicatorStyle: string;
  maskClass: string;
  maskStyle: string;
  /** The value the template set, per column. */
  value: number[];
  /** A column came to rest after the user moved it. */
  settled(): void;
  /** Put the columns where `value` says at the end of the batch (value, rows or size changed). */
  invalidate(): void;
  started(): void;
}

const pickers = new WeakMap<DomRecord, PickerApi>();
const columns = new WeakMap<DomRecord, ColumnApi>();

function columnsOf(ctx: ComponentContext, picker: DomRecord): DomRecord[] {
  return ctx.descendants(['picker-view-column'], picker).filter((column) => ctx.closestOf(column, ['picker-view']) === picker);
}

export const pickerView: ComponentFactory = (ctx) => {
  const host = ctx.doc.createElement('picker-view');
  ctx.toggleClass('a-picker-view', true);
  let reported: number[] | undefined;
  let moving = false;
  const current = (): number[] => columnsOf(ctx, ctx.record).map((column) => columns.get(column)?.index() ?? 0);
  const api: PickerApi = {
    indicatorClass: '',
    indicatorStyle: '',
    maskClass: '',
    maskStyle: '',
    value: [],
    invalidate() {},
    started() {
      if (moving) return;
      moving = true;
      ctx.dispatch('pickStart', {});
    },
    settled() {
      const value = current();
      if (moving) {
        moving = false;
        ctx.dispatch('pickEnd', {});
      }
      const before = reported ?? api.value;
      if (value.length === before.length && value.every((v, i) => v === before[i])) return;
      reported = value;
      ctx.dispatch('change', { value });
    },
  };
  let dirty = true;
  api.invalidate = () => {
    dirty = true;
    ctx.schedule();
  };
  pickers.set(ctx.record, api);
  const apply = (smooth: boolean): void => {
    columnsOf(ctx, ctx.record).forEach((column, i) => columns.get(column)?.select(api.value[i] ?? 0, smooth));
  };
  const decorate = (): void => {
    for (const column of columnsOf(ctx, ctx.record)) columns.get(column)?.decorate();
  };
  return {
    host,
    childrenChanged: () => api.invalidate(),
    afterApply() {
      decorate();
      if (!dirty) return;
      dirty = false;
      apply(false);
    },
    setAttr(name, value) {
      switch (name) {
        case 'value':
          api.value = Array.isArray(value) ? value.map((v) => Math.max(0, Math.floor(Number(v) || 0))) : [];
          reported = undefined;
          api.invalidate();
          break;
        case 'indicator-class':
          api.indicatorClass = classNames(value).join(' ');
          decorate();
          break;
        case 'indicator-style':
          api.indicatorStyle = styleText(toText(value));
          decorate();
          ctx.schedule();
          break;
        case 'mask-class':
          api.maskClass = classNames(value).join(' ');
          decorate();
          break;
        case 'mask-style':
          api.maskStyle = styleText(toText(value));
          decorate();
          break;
      }
    },
    dispose() {
      pickers.delete(ctx.record);
    },
  };
};

/** How long a column's scroll must be still to count as settled, where `scrollend` is missing. */
const SETTLE_MS = 150;

export const pickerViewColumn: ComponentFactory = (ctx) => {
  const doc = ctx.doc;
  const host = doc.createElement('picker-view-column');
  ctx.toggleClass('a-picker-view-picker', true);
  const content = doc.createElement('div');
  content.className = 'a-picker-view-picker-content';
  const mask = doc.createElement('div');
  const indicator = doc.createElement('div');
  mask.setAttribute('aria-hidden', 'true');
  indicator.setAttribute('aria-hidden', 'true');
  host.append(content, mask, indicator);
  let itemHeight = 34;
  let settleTimer: number | undefined;
  let programmatic = false;
  let drag: { pointerId: number; y: number; top: number } | undefined;

  const picker = (): PickerApi | undefined => {
    if (!ctx.record.node) return undefined; // still being created
    const owner = ctx.closestOf(ctx.record, ['picker-view']);
    return owner ? pickers.get(owner) : undefined;
  };
  const items = (): HTMLElement[] => Array.from(content.children) as HTMLElement[];
  const measure = (): void => {
    const height = indicator.getBoundingClientRect().height;
    if (height > 0 && Math.abs(height - itemHeight) > 0.01) {
      itemHeight = height;
      ctx.setHostStyle('--mpk-picker-item-height', `${height}px`);
    }
  };
  const index = (): number => {
    const count = items().length;
    if (count === 0) return 0;
    return Math.min(count - 1, Math.max(0, Math.round(content.scrollTop / itemHeight)));
  };
  const settle = (): void => {
    ctx.clearTimeout(settleTimer);
    settleTimer = undefined;
    if (programmatic) {
      programmatic = false;
      return;
    }
    // Rest exactly on the row (a wheel can stop between rows where snapping is not applied).
    const target = index() * itemHeight;
    if (Math.abs(content.scrollTop - target) > 1) {
      content.scrollTo({ top: target, behavior: 'smooth' });
      return;
    }
    picker()?.settled();
  };
  content.addEventListener('scroll', () => {
    if (!programmatic) picker()?.started();
    ctx.clearTimeout(settleTimer);
    settleTimer = ctx.setTimeout(settle, SETTLE_MS);
  });
  content.addEventListener('scrollend', () => {
    if (!drag) settle();
  });
  // A mouse drag scrolls the column as a finger would (touch and wheels scroll it natively).
  const win = doc.defaultView;
  const onMove = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    content.scrollTop = drag.top - (event.clientY - drag.y);
  };
  const onUp = (event: PointerEvent): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    drag = undefined;
    content.classList.remove('mpk-picker-dragging');
    win?.removeEventListener('pointermove', onMove);
    win?.removeEventListener('pointerup', onUp);
    win?.removeEventListener('pointercancel', onUp);
    settle();
  };
  content.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'mouse' || event.button !== 0 || drag) return;
    drag = { pointerId: event.pointerId, y: event.clientY, top: content.scrollTop };
    // Snapping would fight the drag: off until the button is released.
    content.classList.add('mpk-picker-dragging');
    picker()?.started();
    win?.addEventListener('pointermove', onMove);
    win?.addEventListener('pointerup', onUp);
    win?.addEventListener('pointercancel', onUp);
  });

  const api: ColumnApi = {
    index,
    select(target, smooth) {
      measure();
      const count = items().length;
      const clamped = Math.min(Math.max(0, target), Math.max(0, count - 1));
      const top = clamped * itemHeight;
      if (Math.abs(content.scrollTop - top) < 1) return;
      programmatic = true;
      content.scrollTo({ top, behavior: smooth ? 'smooth' : 'instant' });
      // An instant scroll may not fire scroll events at all when nothing moved.
      ctx.clearTimeout(settleTimer);
      settleTimer = ctx.setTimeout(() => {
        programmatic = false;
      }, SETTLE_MS);
    },
    decorate() {
      const owner = picker();
      mask.className = ['a-picker-view-picker-mask', owner?.maskClass].filter(Boolean).join(' ');
      indicator.className = ['a-picker-view-picker-indicator', owner?.indicatorClass].filter(Boolean).join(' ');
      if (owner?.maskStyle) mask.style.cssText = owner.maskStyle;
      else mask.removeAttribute('style');
      if (owner?.indicatorStyle) indicator.style.cssText = owner.indicatorStyle;
      else indicator.removeAttribute('style');
      measure();
    },
  };
  columns.set(ctx.record, api);
  api.decorate();
  // Shown later (a popup that opens): scroll positions can only be set once the column has a size.
  let shown = false;
  const resize = win?.ResizeObserver
    ? new win.ResizeObserver(() => {
        const visible = content.clientHeight > 0;
        if (visible && !shown) picker()?.invalidate();
        shown = visible;
      })
    : undefined;
  resize?.observe(content);

  return {
    host,
    content,
    childrenChanged() {
      // Every child is one row (the docs: its height is the indicator's).
      for (const child of items()) {
        const record = ctx.recordOf(child);
        if (record) ctx.toggleClassOf(record, 'a-picker-view-picker-item', true);
      }
      picker()?.invalidate();
    },
    afterApply: measure,
    dispose() {
      resize?.disconnect();
      ctx.clearTimeout(settleTimer);
      columns.delete(ctx.record);
      win?.removeEventListener('pointermove', onMove);
      win?.removeEventListener('pointerup', onUp);
      win?.removeEventListener('pointercancel', onUp);
    },
  };
};
