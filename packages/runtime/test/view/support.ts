/**
 * Test support for the view engine: vnode builders (render functions written by hand, as view.js
 * would produce them), and a harness wiring a ViewEngine to a HeadlessRenderer while recording
 * every op batch and every host→logic batch. The tests play the logic layer themselves.
 */
import type { HostToLogic, PatchOp } from '../../src/contract/protocol.ts';
import type { ComponentEntry } from '../../src/contract/package-format.ts';
import { HeadlessRenderer } from '../../src/renderers/headless/index.ts';
import type { EventBinding, RenderFunction, SjsEventHandler, VElement, VNode, VSlot, VText } from '../../src/contract/view-abi.ts';
import { ViewEngine, type ViewEngineError, type ViewEngineOptions } from '../../src/view/engine.ts';
import type { RenderOp, Renderer } from '../../src/contract/renderer.ts';

export function text(value: unknown): VText {
  return { kind: 'text', text: String(value) };
}

export interface ElementExtra {
  key?: string | number;
  events?: EventBinding[];
  slot?: string;
  ref?: string;
  scopedSlots?: VElement['scopedSlots'];
}

export function el(tag: string, attrs: Record<string, unknown> = {}, children: VNode[] = [], extra: ElementExtra = {}): VElement {
  const node: VElement = { kind: 'element', tag, attrs, children };
  if (extra.key !== undefined) node.key = extra.key;
  if (extra.events) node.events = extra.events;
  if (extra.slot !== undefined) node.slot = extra.slot;
  if (extra.ref !== undefined) node.ref = extra.ref;
  if (extra.scopedSlots) node.scopedSlots = extra.scopedSlots;
  return node;
}

export function comp(
  tag: string,
  component: string,
  attrs: Record<string, unknown> = {},
  children: VNode[] = [],
  extra: ElementExtra = {},
): VElement {
  return { ...el(tag, attrs, children, extra), component };
}

export function slot(name = '', fallback: VNode[] = [], props: Record<string, unknown> = {}): VSlot {
  return { kind: 'slot', name, props, fallback };
}

/** `onTap="h"` → on('tap', 'h'); `catchTap` → on('tap', 'h', { catch: true }); capture likewise. */
export function on(
  type: string,
  handler: string | SjsEventHandler,
  flags: { catch?: boolean; capture?: boolean } = {},
): EventBinding {
  const name = type[0].toUpperCase() + type.slice(1);
  const prefix = (flags.capture ? 'capture-' : '') + (flags.catch ? 'catch' : 'on');
  return { type, attr: prefix + name, handler, catch: !!flags.catch, capture: !!flags.capture };
}

export interface HarnessOptions {
  templates: Record<string, RenderFunction>;
  components?: Record<string, Partial<ComponentEntry>>;
  /** More engine options (pages, loadComponent, onShareButton…). */
  engine?: Partial<ViewEngineOptions>;
}

export function componentEntries(components: Record<string, Partial<ComponentEntry>> = {}): Record<string, ComponentEntry> {
  const out: Record<string, ComponentEntry> = {};
  for (const [id, entry] of Object.entries(components)) {
    out[id] = {
      id,
      package: '',
      template: id,
      usingComponents: {},
      styleIsolation: 'shared',
      virtualHost: true,
      ...entry,
    };
  }
  return out;
}

export function createHarness(options: HarnessOptions) {
  const renderer = new HeadlessRenderer();
  const batches: RenderOp[][] = [];
  const recording: Renderer = {
    apply(ops) {
      batches.push([...ops]);
      renderer.apply(ops);
    },
    connect(events) {
      renderer.connect(events);
    },
    query: (pageId, requests) => renderer.query(pageId, requests),
  };
  const sent: HostToLogic[][] = [];
  const errors: ViewEngineError[] = [];
  const ready: number[] = [];
  let nextId = 1;
  const seqs = new Map<number, number>();
  const engine = new ViewEngine({
    renderer: recording,
    send: (batch) => sent.push(batch),
    components: componentEntries(options.components),
    allocateId: () => nextId++,
    onPageReady: (pageId) => ready.push(pageId),
    onError: (error) => errors.push(error),
    now: () => 1_700_000_000_000,
    ...options.engine,
  });
  engine.addViewModule({ abi: 1, templates: options.templates });

  const harness = {
    engine,
    renderer,
    batches,
    sent,
    errors,
    ready,
    /** Opens a page and shows it; returns its id. */
    openPage(route: string, template = route): number {
      const id = nextId++;
      engine.createPage(id, route, template);
      engine.showPage(id);
      return id;
    },
    /** Sends one patch for `id` (seq auto-increments per instance). */
    patch(id: number, ops: PatchOp[], props?: Record<string, unknown>): void {
      const seq = (seqs.get(id) ?? 0) + 1;
      seqs.set(id, seq);
      engine.applyPatches([props ? { t: 'patch', id, seq, ops, props } : { t: 'patch', id, seq, ops }]);
    },
    /** Sends several patches in one applyPatches call. */
    patchMany(items: Array<{ id: number; ops: PatchOp[]; props?: Record<string, unknown> }>): void {
      engine.applyPatches(
        items.map(({ id, ops, props }) => {
          const seq = (seqs.get(id) ?? 0) + 1;
          seqs.set(id, seq);
          return props ? { t: 'patch' as const, id, seq, ops, props } : { t: 'patch' as const, id, seq, ops };
        }),
      );
    },
    /** Sets a page's/component's whole data (its first patch). */
    init(id: number, data: Record<string, unknown>, props?: Record<string, unknown>): void {
      harness.patch(id, [['set', [], data]], props);
    },
    html(indent = false): string {
      return renderer.serialize(undefined, { indent });
    },
    /** Every message sent so far, flattened. */
    messages(): HostToLogic[] {
      return sent.flat();
    },
    /** Messages of a type, flattened. */
    of<T extends HostToLogic['t']>(type: T): Extract<HostToLogic, { t: T }>[] {
      return sent.flat().filter((m): m is Extract<HostToLogic, { t: T }> => m.t === type);
    },
    lastOps(): RenderOp[] {
      return batches[batches.length - 1] ?? [];
    },
    /** Clears recorded batches and messages (not the tree). */
    reset(): void {
      batches.length = 0;
      sent.length = 0;
      errors.length = 0;
    },
  };
  return harness;
}

export type Harness = ReturnType<typeof createHarness>;
