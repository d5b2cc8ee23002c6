/**
 * Browser side of the DOM renderer tests: one renderer on `#app`, every reported event recorded
 * (as JSON, so the test sees what crossed the boundary), render errors collected.
 */

import { DomRenderer, type DomRendererOptions } from '../../../src/renderers/dom/index.ts';
import type { RenderOp, SelectorQueryRequest } from '../../../src/contract/renderer.ts';

export interface RecordedEvent {
  target: number;
  type: string;
  detail?: unknown;
  extra?: { touches?: unknown[]; changedTouches?: unknown[] };
}

interface Harness {
  renderer?: DomRenderer;
  events: RecordedEvent[];
  errors: string[];
  pageScrolls: Array<{ pageId: number; scrollTop: number }>;
  /**
   * A fresh renderer. `assetBase` resolves package URLs under it (`/a.png` → `<assetBase>a.png`);
   * `shadow` renders inside a shadow root (as the simulator does).
   */
  setup(options?: DomRendererOptions & { container?: string; assetBase?: string; shadow?: boolean }): void;
  apply(ops: RenderOp[]): void;
  query(pageId: number, requests: SelectorQueryRequest[]): unknown[];
  /** The element rendered for a node id. */
  el(id: number): HTMLElement | Text | undefined;
  take(): RecordedEvent[];
}

declare global {
  interface Window {
    mpk: Harness;
    __mpkReady?: boolean;
  }
}

const harness: Harness = {
  events: [],
  errors: [],
  pageScrolls: [],
  setup(options = {}) {
    harness.renderer?.dispose();
    harness.events.length = 0;
    harness.errors.length = 0;
    harness.pageScrolls.length = 0;
    const { assetBase, shadow, ...rendererOptions } = options;
    document.getElementById('shadow-host')?.remove();
    let container = document.querySelector<HTMLElement>(options.container ?? '#app')!;
    if (shadow) {
      const host = document.createElement('div');
      host.id = 'shadow-host';
      document.body.append(host);
      const root = host.attachShadow({ mode: 'open' });
      container = document.createElement('div');
      container.id = 'app';
      container.style.cssText = 'width: 375px; height: 667px';
      root.append(container);
    }
    const renderer = new DomRenderer(container, {
      ...rendererOptions,
      ...(assetBase !== undefined ? { resolveAsset: (url: string) => assetBase + url.replace(/^\.?\/+/, '') } : {}),
      onError: (error) => harness.errors.push(String(error)),
      onPageScroll: (pageId, detail) => harness.pageScrolls.push({ pageId, scrollTop: detail.scrollTop }),
    });
    renderer.connect({
      dispatch(target, type, detail, extra) {
        harness.events.push(JSON.parse(JSON.stringify({ target, type, detail, extra })) as RecordedEvent);
      },
    });
    harness.renderer = renderer;
  },
  apply(ops) {
    harness.renderer!.apply(ops);
  },
  query(pageId, requests) {
    return JSON.parse(JSON.stringify(harness.renderer!.query(pageId, requests))) as unknown[];
  },
  el(id) {
    return harness.renderer?.nodeElement(id);
  },
  take() {
    return harness.events.splice(0);
  },
};

window.mpk = harness;
window.__mpkReady = true;
