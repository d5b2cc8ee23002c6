/**
 * What a host grants a mini-program (`createContainer({ host })`), and how omitted capabilities
 * are filled with defaults. Everything is opt-in: no permission scope is granted, no domain is
 * reachable, and the UI is headless unless the host says otherwise.
 */

import type { AppConfig } from '../contract/package-format.ts';
import { createFixedLocation, createMemoryClipboard, resolveSystemInfo, type ClipboardAdapter, type LocationAdapter, type SystemInfo } from '../adapters/device.ts';
import type { CloudAdapter } from '../adapters/cloud.ts';
import { createMemoryFileStore, type FileStore } from '../adapters/files.ts';
import { defaultResolver, defaultWebSocketFactory, guardedWebSocketFactory, type NetworkOptions, type NetworkType, type Resolver, type WebSocketFactory } from '../adapters/network.ts';
import { createGuardedFetch } from '../adapters/node-fetch.ts';
import { isNode } from '../adapters/node-builtins.ts';
import { createHeadlessMiniPrograms, type MiniProgramAdapter } from '../adapters/mini-programs.ts';
import { createHeadlessAuth, createHeadlessPayment, createHeadlessWallet, type AuthAdapter, type PaymentAdapter, type WalletAdapter } from '../adapters/open.ts';
import { defaultStorage } from '../adapters/storage/index.ts';
import type { StorageBackend } from '../adapters/storage/types.ts';
import { createHeadlessUi, type UiAdapter } from '../adapters/ui.ts';
import type { PickerAdapter, UpdateAdapter } from '../adapters/pickers.ts';
import type { MediaAdapter } from '../adapters/media.ts';
import type { MapsAdapter } from '../adapters/maps.ts';
import type { BluetoothAdapter } from '../adapters/bluetooth.ts';
import type { ScannerAdapter, ScreenAdapter, SensorsAdapter } from '../adapters/sensors.ts';
import type { HostApiDefinition, PermissionState } from './types.ts';

export interface HostOptions {
  /** Where my.setStorage data lives. Default: the durable file store (Node), localStorage (browser). */
  storage?: StorageBackend;
  network?: NetworkOptions;
  /** Dialogs, toasts, pickers, permission prompts. Missing methods fall back to the headless UI. */
  ui?: Partial<UiAdapter>;
  location?: LocationAdapter;
  payment?: PaymentAdapter;
  /** The wallet's card, voucher and ticket pages (my.openCardList, my.openVoucherDetail…). Default: recorded, nothing shown. */
  wallet?: WalletAdapter;
  /** Jumps to other mini-programs (my.navigateToMiniProgram…). Default: recorded, nothing opened; `createAppStack` runs each app in a container. */
  miniPrograms?: MiniProgramAdapter;
  auth?: AuthAdapter;
  /** Permission scopes: denied unless granted here. `prompt` asks `ui.authorize` on first use. */
  permissions?: Record<string, PermissionState>;
  /** Overrides of my.getSystemInfo fields (screen size, platform…). */
  system?: Partial<SystemInfo>;
  clipboard?: ClipboardAdapter;
  /** Where downloaded and chosen files go. Default: in memory. */
  files?: FileStore;
  /**
   * Audio players and the recorder (my.createInnerAudioContext, getBackgroundAudioManager, getRecorderManager).
   * Default: none — not supported. `createHeadlessMedia()` scripts them (the harness), `createBrowserMedia()` plays in a browser.
   */
  media?: MediaAdapter;
  /** The place picker and the map screen (my.chooseLocation, my.openLocation). Default: none — not supported. */
  maps?: MapsAdapter;
  /** The host's own APIs, reachable as `my.<name>` and `my.call('<name>')`, validated like built-ins. */
  apis?: Record<string, HostApiDefinition>;
  /** The cloud service behind `my.cloud` / `Cloud` (functions, database, storage). Default: none — every cloud operation fails with 12, as without network. */
  cloud?: CloudAdapter;
  /**
   * The pickers and the image viewer (my.datePicker, multiLevelSelect, optionsSelect, regionPicker, chooseCity,
   * previewImage): each method answers the user's choice or null (cancelled). Default: none — each API is not
   * supported (error 1, canIUse false). `createHeadlessPickers(answers)` scripts the answers (the test harness).
   */
  pickers?: PickerAdapter;
  /** The update service behind my.getUpdateManager (applyUpdate restarts the app). Default: none — not supported. */
  updates?: UpdateAdapter;
  /** The Bluetooth radio (my.openBluetoothAdapter, the BLE APIs). Default: none — not supported. `createSimulatedBluetooth` scripts peripherals. */
  bluetooth?: BluetoothAdapter;
  /** Accelerometer, gyroscope, compass, device motion and shake. Default: none — not supported. */
  sensors?: SensorsAdapter;
  /** Screen brightness and keep-screen-on. Default: none — not supported. */
  screen?: ScreenAdapter;
  /** The camera scanner behind my.scan. Default: none — not supported. */
  scanner?: ScannerAdapter;
}

export interface ResolvedNetwork {
  allowDomains: readonly string[];
  allowInsecureLoopback: boolean;
  allowPrivateAddresses: boolean | readonly string[];
  /** Resolves names for the address check; undefined where the platform resolves by itself (browsers). */
  resolve?: Resolver;
  type: NetworkType;
  fetch: typeof fetch;
  webSocket: WebSocketFactory;
  maxResponseBytes: number;
}

/** The adapters after defaults are applied. */
export interface ResolvedHost {
  storage: StorageBackend;
  network: ResolvedNetwork;
  ui: UiAdapter;
  location: LocationAdapter;
  payment: PaymentAdapter;
  wallet: WalletAdapter;
  miniPrograms: MiniProgramAdapter;
  auth: AuthAdapter;
  permissions: Record<string, PermissionState>;
  system: SystemInfo;
  clipboard: ClipboardAdapter;
  files: FileStore;
  media?: MediaAdapter;
  maps?: MapsAdapter;
  cloud?: CloudAdapter;
  pickers?: PickerAdapter;
  updates?: UpdateAdapter;
  bluetooth?: BluetoothAdapter;
  sensors?: SensorsAdapter;
  screen?: ScreenAdapter;
  scanner?: ScannerAdapter;
}

/**
 * The default backend, opened on first use: a mini-program that never touches storage never
 * creates the storage directory. It is shared, so closing it is left to the process.
 */
function lazyDefaultStorage(): StorageBackend {
  let backend: StorageBackend | undefined;
  const open = () => (backend ??= defaultStorage());
  return {
    get: (appId, key) => open().get(appId, key),
    set: (appId, key, value) => open().set(appId, key, value),
    remove: (appId, key) => open().remove(appId, key),
    clear: (appId) => open().clear(appId),
    keys: (appId) => open().keys(appId),
    bytes: (appId) => open().bytes(appId),
    flush: () => backend?.flush?.(),
  };
}

export function resolveHost(options: HostOptions = {}, app?: AppConfig): ResolvedHost {
  const headless = createHeadlessUi();
  const ui = { ...headless } as UiAdapter;
  // Bind the host's methods to their object: hosts may pass class instances.
  for (const [name, value] of Object.entries(options.ui ?? {})) {
    if (typeof value === 'function') (ui as unknown as Record<string, unknown>)[name] = value.bind(options.ui);
  }
  const network = options.network ?? {};
  const addressPolicy = { allowLoopback: network.allowInsecureLoopback ?? false, allowPrivate: network.allowPrivateAddresses ?? false };
  const resolve = network.resolve ?? defaultResolver;
  return {
    storage: options.storage ?? lazyDefaultStorage(),
    network: {
      allowDomains: network.allowDomains ?? [],
      allowInsecureLoopback: addressPolicy.allowLoopback,
      allowPrivateAddresses: addressPolicy.allowPrivate,
      resolve,
      type: network.type ?? 'WIFI',
      // In Node the defaults connect only to the addresses the check admitted (no DNS rebinding).
      fetch: network.fetch ?? (isNode && resolve ? createGuardedFetch(resolve, addressPolicy) : (input, init) => globalThis.fetch(input, init)),
      webSocket: network.webSocket ?? (isNode && resolve ? guardedWebSocketFactory(resolve, addressPolicy) : defaultWebSocketFactory),
      maxResponseBytes: network.maxResponseBytes ?? 32 * 1024 * 1024,
    },
    ui,
    location: options.location ?? createFixedLocation(),
    payment: options.payment ?? createHeadlessPayment(),
    wallet: options.wallet ?? createHeadlessWallet(),
    miniPrograms: options.miniPrograms ?? createHeadlessMiniPrograms(),
    auth: options.auth ?? createHeadlessAuth(),
    permissions: { ...options.permissions },
    system: resolveSystemInfo(options.system, app?.window?.transparentTitle === 'always'),
    clipboard: options.clipboard ?? createMemoryClipboard(),
    files: options.files ?? createMemoryFileStore(),
    media: options.media,
    maps: options.maps,
    cloud: options.cloud,
    pickers: options.pickers,
    updates: options.updates,
    bluetooth: options.bluetooth,
    sensors: options.sensors,
    screen: options.screen,
    scanner: options.scanner,
  };
}
