/**
 * Device capabilities a host provides: location, clipboard, and the system description behind
 * `my.getSystemInfo`. Defaults describe a 375×667 phone so layouts behave as on a real device.
 */

import type { HostContext, MaybePromise } from './context.ts';

export interface LocationRequest {
  /** 0 coordinates, 1 + district, 2 + street, 3 + POIs (docs: my.getLocation `type`). */
  type: number;
  cacheTimeout?: number;
}

export interface LocationFix {
  longitude: number | string;
  latitude: number | string;
  accuracy?: number | string;
  horizontalAccuracy?: number | string;
  country?: string;
  countryCode?: string;
  province?: string;
  provinceAdcode?: string;
  city?: string;
  cityAdcode?: string;
  district?: string;
  districtAdcode?: string;
  streetNumber?: { street: string; number: string };
  pois?: { name: string; address: string }[];
}

export interface LocationAdapter {
  /** Throw `ApiFailure` with the documented codes (11 location off, 12 network, 13 failed, 14 timeout, 18 no signal). */
  getLocation(request: LocationRequest, context: HostContext): MaybePromise<LocationFix>;
}

/** A location that never moves (the default, and what tests and the simulator configure). */
export function createFixedLocation(fix: Partial<LocationFix> = {}): LocationAdapter {
  const full: LocationFix = {
    longitude: 120.1551,
    latitude: 30.2741,
    accuracy: 65,
    horizontalAccuracy: 65,
    country: '中国',
    countryCode: '0',
    province: '浙江省',
    provinceAdcode: '330000',
    city: '杭州市',
    cityAdcode: '330100',
    district: '西湖区',
    districtAdcode: '330106',
    streetNumber: { street: '文三路', number: '1号' },
    pois: [{ name: '西湖', address: '浙江省杭州市西湖区' }],
    ...fix,
  };
  return { getLocation: () => full };
}

export interface ClipboardAdapter {
  read(context: HostContext): MaybePromise<string>;
  write(text: string, context: HostContext): MaybePromise<void>;
}

/** A clipboard private to this host (never the machine's real clipboard). */
export function createMemoryClipboard(initial = ''): ClipboardAdapter & { text: string } {
  const clipboard = {
    text: initial,
    read: () => clipboard.text,
    write: (text: string) => void (clipboard.text = text),
  };
  return clipboard;
}

/** Fields of `my.getSystemInfo` (docs: my.getSystemInfo, @mini-types ITypeSystemInfo). */
export interface SystemInfo {
  app: string;
  brand: string;
  model: string;
  platform: string;
  system: string;
  version: string;
  language: string;
  pixelRatio: number;
  screenWidth: number;
  screenHeight: number;
  windowWidth: number;
  windowHeight: number;
  statusBarHeight: number;
  titleBarHeight: number;
  fontSizeSetting: number;
  currentBattery: string;
  storage: string;
  performance: string;
  transparentTitle: boolean;
  isIphoneXSeries: boolean;
  screen: { width: number; height: number };
  safeArea: { left: number; right: number; top: number; bottom: number; width: number; height: number };
  albumAuthorized: boolean;
  cameraAuthorized: boolean;
  locationAuthorized: boolean;
  microphoneAuthorized: boolean;
  locationEnabled: boolean;
  wifiEnabled: boolean;
  bluetoothEnabled: boolean;
  bluetoothAuthorized: boolean;
  notificationAuthorized: boolean;
  [extra: string]: unknown;
}

/**
 * The system description: host overrides over a 375×667, pixel ratio 2 phone. The window is the
 * screen minus status and title bars unless the app's title bar is transparent (docs:
 * screenHeight = windowHeight + statusBarHeight + titleBarHeight when not transparent).
 */
export function resolveSystemInfo(overrides: Partial<SystemInfo> = {}, transparentTitle = false): SystemInfo {
  const screenWidth = overrides.screenWidth ?? overrides.screen?.width ?? 375;
  const screenHeight = overrides.screenHeight ?? overrides.screen?.height ?? 667;
  const statusBarHeight = overrides.statusBarHeight ?? 20;
  const titleBarHeight = overrides.titleBarHeight ?? 44;
  const windowHeight = overrides.windowHeight ?? (transparentTitle ? screenHeight : screenHeight - statusBarHeight - titleBarHeight);
  return {
    app: 'alipay',
    brand: 'mpk',
    model: 'mpk simulator',
    platform: 'iOS',
    system: '16.0',
    version: '10.5.36',
    language: 'zh-Hans',
    pixelRatio: 2,
    windowWidth: screenWidth,
    fontSizeSetting: 16,
    currentBattery: '100%',
    storage: '64 GB',
    performance: 'high',
    isIphoneXSeries: false,
    albumAuthorized: true,
    cameraAuthorized: true,
    locationAuthorized: true,
    microphoneAuthorized: true,
    locationEnabled: true,
    wifiEnabled: true,
    bluetoothEnabled: false,
    bluetoothAuthorized: false,
    notificationAuthorized: true,
    ...overrides,
    screenWidth,
    screenHeight,
    statusBarHeight,
    titleBarHeight,
    windowHeight,
    transparentTitle: overrides.transparentTitle ?? transparentTitle,
    screen: { width: screenWidth, height: screenHeight },
    safeArea: overrides.safeArea ?? {
      left: 0,
      right: screenWidth,
      top: statusBarHeight,
      bottom: screenHeight,
      width: screenWidth,
      height: screenHeight - statusBarHeight,
    },
  };
}
