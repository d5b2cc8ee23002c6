/**
 * The simulator page: toolbar (device, reload, pull-down refresh, build status), the phone, the
 * build error overlay and the panels, wired to the dev server's build stream. `window.mpkSimulator`
 * exposes the session for tests and for poking at the app from the browser's own devtools.
 */
import type { BuildEvent } from '../server/index.ts';
import { connectBuildStream } from './build-stream.ts';
import { debugModeControls, debugModeOf } from './debug-mode.ts';
import { PhoneChrome } from './chrome.ts';
import { h, queryString } from './dom.ts';
import { BuildOverlay } from './overlay.ts';
import { NETWORK_CONDITIONS } from './network-conditions.ts';
import { CompileModeControl } from './compile-mode-control.ts';
import { enterPreview, followViewport, isPreview, previewDevice } from './preview.ts';
import type { SimulatorLaunchConfig } from '../server/shell.ts';
import { AppDataPanel } from './panels/appdata.ts';
import { BridgePanel } from './panels/bridge.ts';
import { ConsolePanel } from './panels/console.ts';
import { DevicePanel } from './panels/device.ts';
import { ElementsPanel } from './panels/elements.ts';
import { NetworkPanel } from './panels/network.ts';
import { PagesPanel } from './panels/pages.ts';
import { PanelHost } from './panels/panel.ts';
import { StoragePanel } from './panels/storage.ts';
import { DEFAULT_DEVICE, DEVICES, customDevice, turn, type Device } from './phone/devices.ts';
import { Phone } from './phone/phone.ts';
import { PhoneUi } from './phone/ui.ts';
import { Session, type ReloadReport } from './session.ts';

export interface SimulatorHandle {
  session: Session;
  /** The newest build the page heard of, and the one the app runs. */
  lastBuild: BuildEvent | undefined;
  appliedBuild: number;
  /** Every applied build, in order (kind: start / none / style / view / restart). */
  reloads: ReloadReport[];
  /** Resolves when builds heard so far are applied. */
  settled(): Promise<void>;
  panels: PanelHost;
}

declare global {
  interface Window {
    mpkSimulator?: SimulatorHandle;
  }
}

const DEVICE_KEY = 'mpk-simulator:device';
const ZOOM_KEY = 'mpk-simulator:zoom';
const ZOOMS = ['fit', '0.5', '0.75', '1', '1.25'] as const;

async function main(): Promise<void> {
  const root = document.getElementById('mpk-simulator')!;
  let chrome: PhoneChrome | undefined;
  const phone = new Phone({ back: () => chrome?.back(), tab: (index) => chrome?.tab(index) });
  const ui = new PhoneUi(phone.overlay, {
    setNavigationBar: (pageId, args) => chrome?.setNavigationBar(pageId, args),
    setNavigationBarLoading: (pageId, on) => chrome?.setNavigationBarLoading(pageId, on),
    window: (pageId, request) => chrome?.window(pageId, request),
    titleColor: (pageId) => chrome?.titleColor(pageId),
    vibrate: () => phone.vibrate(),
  });
  // `?preview=1` (mpk dev --host): the app alone, full-screen, the viewport as the device.
  if (isPreview()) enterPreview();
  const device = isPreview() ? previewDevice() : loadDevice();
  phone.setDevice(device);
  phone.showMessage('Building…');

  const overlay = new BuildOverlay();
  const status = h('div', { class: 'sim-status mono' });
  const stage = h('div', { class: 'sim-stage' }, phone.element, status);
  const buildBadge = h('span', { class: 'sim-build building' }, 'building…');

  // The worker's inputs, fetched once for every restart of the logic layer.
  const [wasm, baseLibrary] = await Promise.all([WebAssembly.compileStreaming(fetch('/quickjs.wasm')), fetch('/baselib.js').then((r) => r.text())]);
  const proxyToken = document.querySelector<HTMLMetaElement>('meta[name="mpk-proxy-token"]')?.content;
  const policyMeta = document.querySelector<HTMLMetaElement>('meta[name="mpk-proxy-policy"]');
  const proxyPolicy = policyMeta?.content || undefined;
  const allowLoopback = policyMeta ? policyMeta.dataset.allowLoopback === 'true' : true;
  const debug = debugModeOf(readLaunchConfig().debug);
  const session = new Session({ phone, ui, wasm, baseLibrary, device, proxyToken, proxyPolicy, allowLoopback, debug });
  chrome = new PhoneChrome(session, phone);
  if (isPreview()) followViewport((next) => void session.setDevice(next));
  // Compile modes (mini.project.json condition.miniprogram.list): a fresh start opens the chosen
  // one's page with its query and scene; "Normal" is the entry page. The toolbar and the Pages panel choose.
  const modes = new CompileModeControl(session, readLaunchConfig(), proxyToken);

  const consolePanel = new ConsolePanel(session);
  const panels = new PanelHost([new AppDataPanel(session), consolePanel, new ElementsPanel(session, phone.screenWrap), new BridgePanel(session), new StoragePanel(session), new NetworkPanel(session), new DevicePanel(session.hardware), new PagesPanel(session, modes)]);
  // Errors the author has not looked at yet: on the Console's tab, in the toolbar and on the phone
  // (a runtime error often changes nothing visible); both open the Console, which clears them.
  const openConsole = () => panels.select('console');
  const errorButton = h('button', { class: 'sim-btn sim-errors', hidden: true, title: 'Errors the app reported: open the Console', onclick: openConsole });
  const phoneBadge = h('button', { class: 'phone-error-badge', hidden: true, title: 'The app reported an error: open the Console', onclick: openConsole });
  phone.element.append(phoneBadge);
  consolePanel.onBadge = (count) => {
    panels.setBadge('console', count);
    const label = count > 99 ? '99+' : String(count);
    errorButton.hidden = phoneBadge.hidden = count === 0;
    errorButton.textContent = `✕ ${label} error${count === 1 ? '' : 's'}`;
    phoneBadge.textContent = label;
  };

  // ── toolbar ──
  const deviceSelect = h(
    'select',
    { class: 'sim-device', title: 'Device' },
    ...DEVICES.map((d, i) => h('option', { value: String(i), selected: d.name === device.name || `${d.name} landscape` === device.name }, d.name)),
    h('option', { value: 'custom', selected: !DEVICES.some((d) => d.name === device.name || `${d.name} landscape` === device.name) }, 'Custom…'),
  );
  const widthInput = h('input', { class: 'sim-width', type: 'number', min: '240', max: '1024', value: String(device.width), title: 'Width (px)' });
  const heightInput = h('input', { class: 'sim-height', type: 'number', min: '320', max: '1400', value: String(device.height), title: 'Height (px)' });
  const customBox = h('label', { hidden: deviceSelect.value !== 'custom' }, widthInput, '×', heightInput);
  const changeDevice = (next: Device): void => {
    widthInput.value = String(next.width);
    heightInput.value = String(next.height);
    localStorage.setItem(DEVICE_KEY, JSON.stringify(next));
    void session.setDevice(next);
    applyZoom();
  };
  deviceSelect.addEventListener('change', () => {
    customBox.hidden = deviceSelect.value !== 'custom';
    changeDevice(deviceSelect.value === 'custom' ? customDevice(Number(widthInput.value), Number(heightInput.value)) : DEVICES[Number(deviceSelect.value)]!);
  });
  for (const input of [widthInput, heightInput]) {
    input.addEventListener('change', () => changeDevice(customDevice(Number(widthInput.value), Number(heightInput.value))));
  }
  // Zoom: "fit" scales the phone down until it fits the stage (an iPhone 12 is 864 px high with its
  // frame, more than a 720-px window leaves); CSS zoom keeps layout and hit-testing in step, and the
  // renderer divides event coordinates by it, so the app sees phone pixels.
  const savedZoom = localStorage.getItem(ZOOM_KEY);
  let zoomChoice: (typeof ZOOMS)[number] = (ZOOMS as readonly string[]).includes(savedZoom ?? '') ? (savedZoom as (typeof ZOOMS)[number]) : 'fit';
  const zoomSelect = h(
    'select',
    { class: 'sim-zoom', title: 'Zoom' },
    ...ZOOMS.map((z) => h('option', { value: z, selected: z === zoomChoice }, z === 'fit' ? 'Fit' : `${Math.round(Number(z) * 100)}%`)),
  );
  const applyZoom = (): void => {
    const frameWidth = session.currentDevice.width + 20;
    const frameHeight = session.currentDevice.height + 20;
    let scale = Number(zoomChoice);
    if (zoomChoice === 'fit') {
      // The stage's padding (20 px × 2, 28 px × 2) and the status line under the phone (≈ 26 px).
      const room = { width: stage.clientWidth - 56, height: stage.clientHeight - 40 - 26 };
      scale = Math.min(1, room.width / frameWidth, room.height / frameHeight);
      if (!(scale > 0.2)) scale = 0.2;
      zoomSelect.options[0]!.textContent = `Fit (${Math.round(scale * 100)}%)`;
    } else zoomSelect.options[0]!.textContent = 'Fit';
    phone.element.style.zoom = String(scale);
    phone.element.dataset.zoom = String(Math.round(scale * 1000) / 1000);
  };
  zoomSelect.addEventListener('change', () => {
    zoomChoice = zoomSelect.value as (typeof ZOOMS)[number];
    localStorage.setItem(ZOOM_KEY, zoomChoice);
    applyZoom();
  });
  new ResizeObserver(() => applyZoom()).observe(stage);
  // Landscape: the same device turned (width and height swapped), as my.getSystemInfo reports it.
  const rotateButton = h('button', { class: 'sim-btn sim-rotate', title: 'Portrait / landscape' }, '⟲ Rotate');
  rotateButton.addEventListener('click', () => {
    changeDevice(turn(session.currentDevice));
  });
  const networkSelect = h(
    'select',
    { class: 'sim-network', title: 'Network: what my.getNetworkType reports, added latency, or offline' },
    ...NETWORK_CONDITIONS.map((c) => h('option', { value: c.id, title: c.detail }, c.label)),
  );
  networkSelect.addEventListener('change', () => {
    const condition = NETWORK_CONDITIONS.find((c) => c.id === networkSelect.value) ?? NETWORK_CONDITIONS[0]!;
    session.setNetworkCondition(condition);
    session.emit('notice', 'info', `network: ${condition.label} (${condition.detail})`);
  });
  const pullButton = h('button', { class: 'sim-btn sim-pull', title: 'Pull-down refresh (onPullDownRefresh)', onclick: () => chrome?.refresh() }, '⇣ Pull to refresh');
  const reloadButton = h('button', { class: 'sim-btn sim-reload', title: 'Restart the logic layer and reopen the page stack', onclick: () => void session.restart() }, '⟳ Restart');
  const relaunchButton = h('button', { class: 'sim-btn sim-relaunch', title: 'Restart from the entry page', onclick: () => void session.restart({ keepStack: false }) }, '⌂ Relaunch');
  const toolbar = h(
    'div',
    { class: 'sim-toolbar' },
    h('span', { class: 'sim-brand' }, 'mpk'),
    h('span', { class: 'sim-project muted' }),
    h('label', null, 'Device ', deviceSelect),
    customBox,
    rotateButton,
    h('label', null, 'Zoom ', zoomSelect),
    modes.toolbar(),
    h('label', null, 'Network ', networkSelect),
    reloadButton,
    relaunchButton,
    pullButton,
    h('span', { class: 'sim-spacer' }),
    ...debugModeControls(debug),
    errorButton,
    buildBadge,
  );
  // The build overlay spans the phone and the panels: a long code frame is not clipped to the phone's column.
  root.append(toolbar, h('div', { class: 'sim-main' }, stage, panels.element, overlay.element));

  chrome.onChange = () => {
    pullButton.disabled = !chrome!.canRefresh();
    const top = session.top();
    const query = top ? queryString(top.query) : '';
    status.textContent = top ? `${top.route}${query ? `?${query}` : ''}` : '';
    status.title = status.textContent;
  };
  chrome.update();

  // ── builds ──
  const handle: SimulatorHandle = {
    session,
    lastBuild: undefined,
    appliedBuild: 0,
    reloads: [],
    panels,
    settled: () => pending,
  };
  let pending: Promise<void> = Promise.resolve();
  window.mpkSimulator = handle;
  session.on('reload', (report) => {
    handle.appliedBuild = report.build;
    handle.reloads.push(report);
  });

  connectBuildStream('/events', {
    hello: (hello) => {
      toolbar.querySelector('.sim-project')!.textContent = hello.project;
    },
    build: (event) => {
      handle.lastBuild = event;
      const errors = event.diagnostics.filter((d) => d.severity === 'error').length;
      const warnings = event.diagnostics.length - errors;
      buildBadge.className = `sim-build ${event.ok ? 'ok' : 'error'}`;
      buildBadge.textContent = event.ok
        ? `build ${event.id} ✓ ${event.durationMs} ms${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`
        : `build ${event.id} ✕ ${errors} error${errors === 1 ? '' : 's'}`;
      for (const d of event.diagnostics.filter((x) => x.severity === 'warning')) {
        session.emit('notice', 'warn', `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
      }
      if (!event.ok) {
        // The Console keeps what the overlay showed, after the next good build hides it.
        for (const d of event.diagnostics.filter((x) => x.severity === 'error')) {
          session.emit('notice', 'error', `build ${event.id} failed: ${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
        }
        overlay.show(event.diagnostics);
        if (session.buildId === 0) phone.showMessage('Waiting for a build without errors…');
        return;
      }
      overlay.hide();
      pending = session.applyBuild(event.id);
    },
    disconnected: () => {
      buildBadge.className = 'sim-build error';
      buildBadge.textContent = 'dev server stopped';
    },
  });
}

function readLaunchConfig(): SimulatorLaunchConfig {
  try {
    const config = JSON.parse(document.getElementById('mpk-launch')?.textContent ?? '') as SimulatorLaunchConfig;
    return Array.isArray(config.modes) ? config : { modes: [] };
  } catch {
    return { modes: [] };
  }
}

function loadDevice(): Device {
  try {
    const saved = JSON.parse(localStorage.getItem(DEVICE_KEY) ?? 'null') as Device | null;
    if (saved && typeof saved.width === 'number' && typeof saved.height === 'number') {
      const preset = DEVICES.find((d) => d.name === saved.name);
      if (preset) return preset;
      const turned = DEVICES.find((d) => `${d.name} landscape` === saved.name);
      if (turned) return turn(turned);
      return customDevice(saved.width, saved.height);
    }
  } catch {
    /* a corrupt saved value: use the default */
  }
  return DEFAULT_DEVICE;
}

main().catch((error: unknown) => {
  document.body.prepend(Object.assign(document.createElement('pre'), { textContent: `mpk simulator failed to start: ${(error as Error)?.stack ?? String(error)}` }));
});
