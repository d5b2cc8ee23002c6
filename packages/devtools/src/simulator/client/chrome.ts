/**
 * The phone's chrome driven by the running app: the navigation bar (title from the window config,
 * app → page, overridden by `my.setNavigationBar`; the back button when the stack is deeper than
 * one page), the tab bar on tab pages, pull-down refresh (a pull gesture on the page, or the
 * toolbar's control) and the page-scroll callbacks (`onPageScroll`, `onReachBottom`).
 */
import type { Container, PackageManifest, WindowConfig } from '@mpk/runtime';
import type { NavigationBarArgs, WindowRequest } from './phone/ui.ts';
import type { NavBarState, Phone, TabBarView } from './phone/phone.ts';
import type { Session } from './session.ts';

interface NavOverride {
  title?: string;
  image?: string;
  backgroundColor?: string;
  frontColor?: string;
  borderBottomColor?: string;
}

/** How far (px) the page must be pulled to refresh. */
const PULL_THRESHOLD = 60;
/** transparentTitle auto: scrolled this far (px), the navigation bar is fully shown. */
const TITLE_FADE_DISTANCE = 80;
const DEFAULT_REACH_BOTTOM = 50;

export class PhoneChrome {
  private readonly overrides = new Map<number, NavOverride>();
  /** my.setBackgroundColor / my.setCanPullDown per page. */
  private readonly windows = new Map<number, { backgroundColor?: string; canPullDown?: boolean }>();
  private readonly loading = new Set<number>();
  /** Pages currently within their onReachBottomDistance (fires once per arrival). */
  private readonly atBottom = new Set<number>();
  private scrollFrame = 0;
  private pendingScroll: { pageId: number; scrollTop: number; scrollHeight: number } | undefined;
  private pullStart: { y: number; pointer: number } | undefined;
  private pullReady = false;
  /** What the navigation bar shows now (transparentTitle auto redraws its opacity on scroll). */
  private navState: NavBarState | undefined;
  /** Called when what the chrome shows changed (the toolbar's pull control, the status line). */
  onChange: () => void = () => {};

  constructor(
    private readonly session: Session,
    private readonly phone: Phone,
  ) {
    session.on('container', () => {
      this.overrides.clear();
      this.windows.clear();
      this.loading.clear();
      this.atBottom.clear();
      this.update();
    });
    session.on('page', (event) => {
      if (event.type === 'unload') {
        this.overrides.delete(event.page.id);
        this.windows.delete(event.page.id);
        this.loading.delete(event.page.id);
        this.atBottom.delete(event.page.id);
      }
      if (event.type === 'show' || event.type === 'hide') phone.setPulling(false);
      this.update();
    });
    session.on('ui', (request) => {
      if (request.pageId !== session.top()?.id) return;
      if (request.type === 'stopPullDownRefresh') phone.setPulling(false);
      else if (request.type === 'startPullDownRefresh') this.refresh();
      else if (request.type === 'pageScrollTo') session.renderer?.scrollPageTo(request.pageId, (request.args ?? {}) as { scrollTop?: number; selector?: string; duration?: number });
    });
    session.on('scroll', (pageId, detail) => this.scrolled(pageId, detail));
    this.attachPullGesture();
  }

  /** `ui.setNavigationBar` (from my.setNavigationBar / setNavigationBarTitle / setNavigationBarColor). */
  setNavigationBar(pageId: number | undefined, args: NavigationBarArgs): void {
    const id = pageId ?? this.session.top()?.id;
    if (id === undefined) return;
    const next: NavOverride = args.reset ? {} : { ...this.overrides.get(id) };
    for (const key of ['title', 'image', 'backgroundColor', 'frontColor', 'borderBottomColor'] as const) {
      if (typeof args[key] === 'string') next[key] = args[key];
    }
    this.overrides.set(id, next);
    this.update();
  }

  /** `ui.window`: the page's background (behind the page, shown when it is pulled) and whether it can be pulled down. */
  window(pageId: number | undefined, request: WindowRequest): void {
    const id = pageId ?? this.session.top()?.id;
    if (id === undefined) return;
    const state = { ...this.windows.get(id) };
    if (request.api === 'setBackgroundColor' && request.backgroundColor) state.backgroundColor = request.backgroundColor;
    else if (request.api === 'setCanPullDown') state.canPullDown = request.canPullDown;
    // setBackgroundTextStyle and hideBackHome: the simulator draws no pull-down text nor back-home button.
    this.windows.set(id, state);
    this.update();
  }

  /** `ui.getTitleColor`: the navigation bar's background as the page shows it. */
  titleColor(pageId: number | undefined): string | undefined {
    const container = this.session.container;
    const id = pageId ?? this.session.top()?.id;
    const page = container?.pages().find((p) => p.id === id);
    if (!container || !page) return undefined;
    return this.overrides.get(page.id)?.backgroundColor ?? stringOr(windowOf(container.manifest, page.route).titleBarColor, '#ffffff');
  }

  setNavigationBarLoading(pageId: number | undefined, on: boolean): void {
    const id = pageId ?? this.session.top()?.id;
    if (id === undefined) return;
    if (on) this.loading.add(id);
    else this.loading.delete(id);
    this.update();
  }

  /** The back button. */
  back(): void {
    const container = this.session.container;
    if (!container || container.pages().length < 2) return;
    container.navigate('navigateBack').catch((error: Error) => this.session.emit('notice', 'warn', `navigateBack: ${error.message}`));
  }

  /** A tab bar item: switch to its page, then `onTabItemTap` on it. */
  tab(index: number): void {
    const container = this.session.container;
    const item = container?.manifest.app.tabBar?.items[index];
    if (!container || !item) return;
    const tapped = { index, pagePath: item.pagePath, text: item.name ?? '' };
    if (container.currentPage()?.route === item.pagePath) {
      container.pageEvent('onTabItemTap', tapped);
      return;
    }
    const shown = (event: { type: string; page: { route: string } }): void => {
      if (event.type !== 'show' || event.page.route !== item.pagePath) return;
      container.off('page', shown);
      container.pageEvent('onTabItemTap', tapped);
    };
    container.on('page', shown);
    container.navigate('switchTab', { url: `/${item.pagePath}` }).catch((error: Error) => {
      container.off('page', shown);
      this.session.emit('notice', 'warn', `switchTab: ${error.message}`);
    });
  }

  /** Whether the page on top has pull-down refresh enabled (app.json / page window `pullRefresh`). */
  canRefresh(): boolean {
    const container = this.session.container;
    const top = container?.currentPage();
    if (!container || !top) return false;
    const win = windowOf(container.manifest, top.route);
    return win.pullRefresh === true && win.allowsBounceVertical !== 'NO' && this.windows.get(top.id)?.canPullDown !== false;
  }

  /** Pull-down refresh: the indicator shows until the app calls my.stopPullDownRefresh. */
  refresh(): void {
    const container = this.session.container;
    if (!container || !container.currentPage()) return;
    this.phone.setPulling(true);
    container.pageEvent('onPullDownRefresh');
  }

  /** Redraws the navigation and tab bars for the page on top. */
  update(): void {
    const container = this.session.container;
    const top = container?.currentPage();
    if (!container || !top) {
      this.phone.setNavBar({ title: '', backgroundColor: '#ffffff', frontColor: '#000000', loading: false, showBack: false });
      this.phone.setTabBar(undefined);
      this.onChange();
      return;
    }
    const win = windowOf(container.manifest, top.route);
    const override = this.overrides.get(top.id) ?? {};
    const background = override.backgroundColor ?? stringOr(win.titleBarColor, '#ffffff');
    const front =
      override.frontColor ?? (win.navigationBarFrontColor === 'white' ? '#ffffff' : win.navigationBarFrontColor === 'black' ? '#000000' : contrastColor(background));
    const transparentTitle = win.transparentTitle === 'always' || win.transparentTitle === 'auto' ? win.transparentTitle : undefined;
    const scrollTop = this.session.renderer?.pageElement(top.id)?.scrollTop ?? 0;
    this.navState = {
      title: override.title ?? stringOr(win.defaultTitle, ''),
      image: override.image ?? (typeof win.titleImage === 'string' ? win.titleImage : undefined),
      backgroundColor: background,
      frontColor: front,
      borderBottomColor: override.backgroundColor ? undefined : override.borderBottomColor,
      loading: this.loading.has(top.id) || win.showTitleLoading === 'YES',
      showBack: container.pages().length > 1,
      ...(transparentTitle ? { transparent: { opacity: transparentTitle === 'auto' ? titleOpacity(scrollTop) : 0 } } : {}),
    };
    this.phone.setNavBar(this.navState);
    this.phone.screenWrap.style.backgroundColor = this.windows.get(top.id)?.backgroundColor ?? '';
    this.phone.setTabBar(this.tabBarView(container, top.route));
    this.onChange();
  }

  private tabBarView(container: Container, route: string): TabBarView | undefined {
    const tabBar = container.manifest.app.tabBar;
    if (!tabBar || tabBar.customize || !tabBar.items.some((item) => item.pagePath === route)) return undefined;
    const asset = (url: string | undefined) => (url ? (this.session.renderer ? resolveIcon(url, this.session) : url) : undefined);
    return {
      textColor: tabBar.textColor ?? '#666666',
      selectedColor: tabBar.selectedColor ?? '#1677ff',
      backgroundColor: tabBar.backgroundColor ?? '#ffffff',
      items: tabBar.items.map((item) => {
        const selected = item.pagePath === route;
        return { text: item.name ?? '', icon: asset(selected ? (item.activeIcon ?? item.icon) : item.icon), selected };
      }),
    };
  }

  private scrolled(pageId: number, detail: { scrollTop: number; scrollHeight: number; clientHeight: number }): void {
    const container = this.session.container;
    const top = container?.currentPage();
    if (!container || top?.id !== pageId) return;
    if (this.navState?.transparent && windowOf(container.manifest, top.route).transparentTitle === 'auto') {
      this.phone.setNavOpacity(this.navState, titleOpacity(detail.scrollTop));
    }
    const distance = numberOr(windowOf(container.manifest, top.route).onReachBottomDistance, DEFAULT_REACH_BOTTOM);
    const near = detail.scrollHeight - detail.scrollTop - detail.clientHeight <= distance;
    if (near && !this.atBottom.has(pageId)) {
      this.atBottom.add(pageId);
      container.pageEvent('onReachBottom');
    } else if (!near) this.atBottom.delete(pageId);
    // One onPageScroll per frame, with the latest position.
    this.pendingScroll = { pageId, scrollTop: detail.scrollTop, scrollHeight: detail.scrollHeight };
    if (this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      const pending = this.pendingScroll;
      this.pendingScroll = undefined;
      if (pending && this.session.top()?.id === pending.pageId) {
        this.session.container?.pageEvent('onPageScroll', { scrollTop: pending.scrollTop, scrollHeight: pending.scrollHeight });
      }
    });
  }

  /** Pulling the page down from its top (mouse or touch) past the threshold refreshes it. */
  private attachPullGesture(): void {
    const area = this.phone.screenWrap;
    area.addEventListener('pointerdown', (event) => {
      if (!event.isPrimary || event.button !== 0 || !this.canRefresh() || this.phone.pulling) return;
      const top = this.session.top();
      const element = top ? this.session.renderer?.pageElement(top.id) : undefined;
      if (!element || element.scrollTop > 0) return;
      this.pullStart = { y: event.clientY, pointer: event.pointerId };
      this.pullReady = false;
    });
    area.addEventListener('pointermove', (event) => {
      if (!this.pullStart || event.pointerId !== this.pullStart.pointer) return;
      this.pullReady = event.clientY - this.pullStart.y >= PULL_THRESHOLD;
    });
    const end = (event: PointerEvent): void => {
      if (!this.pullStart || event.pointerId !== this.pullStart.pointer) return;
      const ready = this.pullReady || event.clientY - this.pullStart.y >= PULL_THRESHOLD;
      this.pullStart = undefined;
      this.pullReady = false;
      if (ready && event.type === 'pointerup') this.refresh();
    };
    area.addEventListener('pointerup', end);
    area.addEventListener('pointercancel', end);
  }
}

export function windowOf(manifest: PackageManifest, route: string): WindowConfig {
  return { ...manifest.app.window, ...manifest.pages[route]?.window };
}

function resolveIcon(url: string, session: Session): string {
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return url;
  return `/b/${session.buildId}/${url.replace(/^\.?\//, '')}`;
}

function titleOpacity(scrollTop: number): number {
  return Math.max(0, Math.min(1, scrollTop / TITLE_FADE_DISTANCE));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/** Black or white, whichever reads better on `background` (#rgb / #rrggbb; white otherwise). */
export function contrastColor(background: string): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(background.trim())?.[1];
  if (!hex) return '#000000';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const lum = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  return lum > 0.6 ? '#000000' : '#ffffff';
}
