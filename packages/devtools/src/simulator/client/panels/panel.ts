/** The panels beside the phone: one tab each, only the selected one visible. */
import { h } from '../dom.ts';
import type { Session } from '../session.ts';

export interface Panel {
  id: string;
  title: string;
  element: HTMLElement;
  /** The panel became visible: refresh what it shows lazily. */
  shown?(): void;
}

/** The tab strip and the panel area. */
export class PanelHost {
  readonly element: HTMLElement;
  private readonly tabs = new Map<string, HTMLButtonElement>();
  private readonly panels = new Map<string, Panel>();
  private current: string | undefined;

  constructor(panels: Panel[]) {
    const strip = h('div', { class: 'sim-tabs', role: 'tablist' });
    const body = h('div', { class: 'sim-panel-area', style: 'flex: 1; min-height: 0; display: flex; flex-direction: column;' });
    for (const panel of panels) {
      const tab = h('button', { class: 'sim-tab', role: 'tab', dataset: { panel: panel.id }, onclick: () => this.select(panel.id) }, panel.title);
      this.tabs.set(panel.id, tab);
      this.panels.set(panel.id, panel);
      panel.element.classList.add('sim-panel');
      panel.element.dataset.panel = panel.id;
      panel.element.hidden = true;
      strip.append(tab);
      body.append(panel.element);
    }
    this.element = h('div', { class: 'sim-panels' }, strip, body);
    if (panels[0]) this.select(panels[0].id);
  }

  select(id: string): void {
    const panel = this.panels.get(id);
    if (!panel) return;
    if (this.current) {
      this.panels.get(this.current)!.element.hidden = true;
      this.tabs.get(this.current)!.classList.remove('active');
    }
    this.current = id;
    panel.element.hidden = false;
    this.tabs.get(id)!.classList.add('active');
    panel.shown?.();
  }

  isShown(id: string): boolean {
    return this.current === id;
  }

  /** A count on a tab (errors in the Console). */
  setBadge(id: string, count: number): void {
    const tab = this.tabs.get(id);
    if (!tab) return;
    tab.querySelector('.badge')?.remove();
    if (count > 0) tab.append(h('span', { class: 'badge' }, count > 99 ? '99+' : count));
  }
}

/** How long a visible panel waits after a render before re-reading the page (renders come in bursts). */
const RENDER_SETTLE_MS = 50;

/**
 * Calls `refresh` shortly after the page may have re-rendered — a patch from the logic layer, a page
 * event, a build applied, a new container (`restarted` runs first then) — while `panel` is visible;
 * a burst of renders refreshes once. Hidden panels refresh in `shown()` instead.
 */
export function refreshOnRender(session: Session, panel: { readonly element: HTMLElement }, refresh: () => void, restarted?: () => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    if (panel.element.hidden || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      refresh();
    }, RENDER_SETTLE_MS);
  };
  session.on('container', () => {
    restarted?.();
    soon();
  });
  session.on('page', soon);
  session.on('reload', soon);
  session.on('bridge', (traffic) => {
    if (traffic.direction === 'toHost' && traffic.messages.some((m) => m.t === 'patch')) soon();
  });
}
