/**
 * The phone frame: status bar, navigation bar, the screen the mini-program renders into (a shadow
 * root, so the app's ACSS and the simulator's styles never meet), the tab bar, the pull-down
 * refresh indicator, a layer for toasts and dialogs, and a message area (waiting, terminated).
 * It only draws; `chrome.ts` decides what it shows.
 */
import { cssColor } from './css-color.ts';
import { h, fill } from '../dom.ts';
import { deviceMetrics, type Device } from './devices.ts';

export interface NavBarState {
  title: string;
  /** An image replaces the title (my.setNavigationBar `image`). */
  image?: string;
  backgroundColor: string;
  frontColor: string;
  borderBottomColor?: string;
  loading: boolean;
  showBack: boolean;
  /**
   * `transparentTitle`: the bars float over the page, which starts at the top of the screen;
   * `opacity` (0–1) is how much of the background shows (`always`: 0, `auto`: grows as the page scrolls).
   */
  transparent?: { opacity: number };
}

export interface TabBarItemView {
  text: string;
  icon?: string;
  selected: boolean;
}

export interface TabBarView {
  items: TabBarItemView[];
  textColor: string;
  selectedColor: string;
  backgroundColor: string;
}

const SCREEN_CSS = `
:host { display: block; }
.app-root { position: absolute; inset: 0; font-family: -apple-system, BlinkMacSystemFont, "Helvetica Neue", "PingFang SC", Arial, sans-serif; font-size: 16px; color: #333; }
`;

export class Phone {
  readonly element: HTMLElement;
  /** Where the renderer renders (inside the shadow root). */
  readonly appRoot: HTMLElement;
  /** The shadow root: part stylesheets go here. */
  readonly shadow: ShadowRoot;
  /** The page area (gestures, scrolling). */
  readonly screenWrap: HTMLElement;
  /** Toasts, dialogs and sheets. */
  readonly overlay: HTMLElement;
  private readonly head: HTMLElement;
  private readonly nav: HTMLElement;
  private readonly navTitle: HTMLElement;
  private readonly backButton: HTMLButtonElement;
  private readonly tabBar: HTMLElement;
  private readonly pull: HTMLElement;
  private readonly message: HTMLElement;
  private readonly clock: HTMLElement;
  private readonly status: HTMLElement;
  /** The notch / island / camera hole, and the home indicator: drawn over the screen like the real ones. */
  private readonly cutout: HTMLElement;
  private readonly homeIndicator: HTMLElement;

  constructor(handlers: { back(): void; tab(index: number): void }) {
    this.clock = h('span', null, '9:41');
    const status = (this.status = h('div', { class: 'phone-status' }, this.clock, h('span', null, '100%')));
    this.cutout = h('div', { class: 'phone-cutout', hidden: true });
    this.homeIndicator = h('div', { class: 'phone-home-indicator', hidden: true });
    this.backButton = h('button', { class: 'nav-back', title: 'Back', 'aria-label': 'Back', onclick: () => handlers.back() }, '‹');
    this.navTitle = h('div', { class: 'nav-title' });
    this.nav = h('div', { class: 'phone-nav' }, this.backButton, this.navTitle);
    this.head = h('div', { class: 'phone-head' }, status, this.nav);
    const screen = h('div', { class: 'phone-screen' });
    this.shadow = screen.attachShadow({ mode: 'open' });
    this.shadow.append(h('style', null, SCREEN_CSS));
    this.appRoot = h('div', { class: 'app-root' });
    this.shadow.append(this.appRoot);
    this.pull = h('div', { class: 'phone-pull' }, h('span', { class: 'ui-spinner' }), '\u00a0Refreshing…');
    this.message = h('div', { class: 'phone-message', hidden: true });
    this.screenWrap = h('div', { class: 'phone-screen-wrap' }, this.pull, screen, this.message);
    this.tabBar = h('div', { class: 'phone-tabbar', hidden: true, role: 'tablist' });
    this.tabBar.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLElement>('.tab-item');
      if (item?.dataset.index !== undefined) handlers.tab(Number(item.dataset.index));
    });
    this.overlay = h('div', { class: 'phone-overlay' });
    this.element = h('div', { class: 'phone' }, this.head, this.screenWrap, this.tabBar, this.overlay, this.cutout, this.homeIndicator);
    const tick = () => {
      const now = new Date();
      this.clock.textContent = `${now.getHours()}:${String(now.getMinutes()).padStart(2, '0')}`;
    };
    tick();
    setInterval(tick, 30_000);
  }

  setDevice(device: Device): void {
    // The frame's border is outside the screen size.
    this.element.style.width = `${device.width + 20}px`;
    this.element.style.height = `${device.height + 20}px`;
    const { statusBarHeight, insets } = deviceMetrics(device);
    this.status.style.height = `${statusBarHeight}px`;
    this.status.hidden = statusBarHeight === 0;
    // The tab bar stays above the home indicator; the page runs under it (safeArea says where).
    this.tabBar.style.paddingBottom = `${insets.bottom}px`;
    this.tabBar.style.height = `${50 + insets.bottom}px`;
    this.homeIndicator.hidden = insets.bottom === 0;
    this.homeIndicator.style.height = `${insets.bottom}px`;
    const cutout = device.cutout === true;
    this.cutout.hidden = !cutout;
    this.cutout.className = `phone-cutout ${device.platform === 'android' ? 'hole' : 'notch'}${device.landscape ? ' side' : ''}`;
    this.element.dataset.statusBar = String(statusBarHeight);
    this.element.dataset.insets = `${insets.top} ${insets.right} ${insets.bottom} ${insets.left}`;
  }

  setNavBar(input: NavBarState): void {
    // Colours come from the package: only colour syntax reaches the chrome's styles.
    const state: NavBarState = {
      ...input,
      backgroundColor: cssColor(input.backgroundColor, '#ffffff'),
      frontColor: cssColor(input.frontColor, '#000000'),
      borderBottomColor: input.borderBottomColor === undefined ? undefined : cssColor(input.borderBottomColor, 'transparent'),
    };
    const transparent = state.transparent;
    // Over the page (position absolute) when transparent: the screen takes the whole phone below the frame.
    this.head.style.position = transparent ? 'absolute' : '';
    this.head.style.inset = transparent ? '0 0 auto 0' : '';
    this.head.style.zIndex = transparent ? '4' : '';
    this.head.style.background = transparent ? withAlpha(state.backgroundColor, transparent.opacity) : state.backgroundColor;
    this.navTitle.style.opacity = transparent ? String(transparent.opacity) : '';
    this.head.style.color = state.frontColor;
    this.nav.style.borderBottom = state.borderBottomColor ? `1px solid ${state.borderBottomColor}` : '';
    this.backButton.hidden = !state.showBack;
    fill(
      this.navTitle,
      state.loading ? h('span', { class: 'ui-spinner nav-loading' }) : null,
      state.image ? h('img', { src: state.image, alt: state.title }) : h('span', { class: 'nav-title-text' }, state.title),
    );
  }

  /** The navigation bar's opacity only (transparentTitle auto, on scroll). */
  setNavOpacity(state: NavBarState, opacity: number): void {
    if (!state.transparent) return;
    this.head.style.background = withAlpha(cssColor(state.backgroundColor, '#ffffff'), opacity);
    this.navTitle.style.opacity = String(opacity);
  }

  setTabBar(view: TabBarView | undefined): void {
    if (!view) {
      this.tabBar.hidden = true;
      this.tabBar.replaceChildren();
      return;
    }
    this.tabBar.hidden = false;
    this.tabBar.style.background = cssColor(view.backgroundColor, '#ffffff');
    const textColor = cssColor(view.textColor, '#666666');
    const selectedColor = cssColor(view.selectedColor, '#1677ff');
    fill(
      this.tabBar,
      ...view.items.map((item, index) =>
        h(
          'button',
          {
            class: `tab-item${item.selected ? ' selected' : ''}`,
            role: 'tab',
            'aria-selected': String(item.selected),
            dataset: { index: String(index) },
            style: `color: ${item.selected ? selectedColor : textColor}`,
          },
          item.icon ? h('img', { src: item.icon, alt: '' }) : null,
          h('span', null, item.text),
        ),
      ),
    );
  }

  setPulling(active: boolean): void {
    this.pull.classList.toggle('active', active);
  }

  get pulling(): boolean {
    return this.pull.classList.contains('active');
  }

  showMessage(text: string, ...actions: Array<{ label: string; run(): void }>): void {
    this.message.hidden = false;
    fill(this.message, h('div', null, text), ...actions.map((a) => h('button', { class: 'sim-btn', onclick: () => a.run() }, a.label)));
  }

  hideMessage(): void {
    this.message.hidden = true;
    this.message.replaceChildren();
  }

  vibrate(): void {
    this.element.classList.remove('vibrate');
    void this.element.offsetWidth;
    this.element.classList.add('vibrate');
  }
}

/** `#rgb`/`#rrggbb` with an alpha; other colours fully shown from opacity 1, else transparent. */
function withAlpha(color: string, opacity: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return opacity >= 1 ? color : 'transparent';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${Math.max(0, Math.min(1, opacity))})`;
}
