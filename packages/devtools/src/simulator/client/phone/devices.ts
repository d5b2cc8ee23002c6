/**
 * The device selector's presets (CSS pixels), like the official IDE's device list, each with the
 * status bar and safe-area insets the real phone reports: iPhones with a notch have a 47 px status
 * bar (44 on the first notch models, 59 with the Dynamic Island) and a 34 px home indicator at the
 * bottom; Android phones report their status bar in dp (24 without a cutout, more with a camera hole).
 * `my.getSystemInfo` (statusBarHeight, safeArea) and the drawn phone frame both read `deviceMetrics`.
 */
export interface Device {
  name: string;
  width: number;
  height: number;
  pixelRatio: number;
  /** Which platform's look the built-ins take (`my.getSystemInfo().platform` follows). Default iOS. */
  platform?: 'ios' | 'android';
  /** Status bar height in portrait (px). Default 20. */
  statusBar?: number;
  /** The home indicator's bottom inset in portrait (px); absent: none (a home button). */
  homeIndicator?: number;
  /** A notch, island or camera hole at the top: in landscape it becomes a side inset. */
  cutout?: boolean;
  /** Turned (width and height are the landscape ones): see `turn`. */
  landscape?: boolean;
}

export const DEVICES: readonly Device[] = [
  { name: 'iPhone SE (320)', width: 320, height: 568, pixelRatio: 2, statusBar: 20 },
  { name: 'iPhone 8 (375)', width: 375, height: 667, pixelRatio: 2, statusBar: 20 },
  { name: 'iPhone 8 Plus (414)', width: 414, height: 736, pixelRatio: 3, statusBar: 20 },
  { name: 'iPhone X (375)', width: 375, height: 812, pixelRatio: 3, statusBar: 44, homeIndicator: 34, cutout: true },
  { name: 'iPhone 12 (390)', width: 390, height: 844, pixelRatio: 3, statusBar: 47, homeIndicator: 34, cutout: true },
  { name: 'iPhone 14 Pro Max (430)', width: 430, height: 932, pixelRatio: 3, statusBar: 59, homeIndicator: 34, cutout: true },
  { name: 'Pixel 5 (393)', width: 393, height: 851, pixelRatio: 2.75, platform: 'android', statusBar: 28, cutout: true },
  { name: 'Galaxy S20 (360)', width: 360, height: 800, pixelRatio: 4, platform: 'android', statusBar: 26, cutout: true },
  { name: 'Huawei P30 (360)', width: 360, height: 780, pixelRatio: 3, platform: 'android', statusBar: 32, cutout: true },
];

export const DEFAULT_DEVICE = DEVICES[1]!;

/** The navigation bar's height, as my.getSystemInfo reports it (titleBarHeight). */
export const TITLE_BAR_HEIGHT = 44;
/** iOS draws a shorter home indicator in landscape. */
const LANDSCAPE_HOME_INDICATOR = 21;

export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface DeviceMetrics {
  /** The status bar the phone draws and my.getSystemInfo reports (0: hidden). */
  statusBarHeight: number;
  insets: Insets;
  /** `my.getSystemInfo().safeArea`: the screen minus the insets. */
  safeArea: { left: number; right: number; top: number; bottom: number; width: number; height: number };
}

/**
 * The status bar and insets of `device` as it is held. Portrait: the status bar on top, the home
 * indicator below. Landscape: iOS hides the status bar and insets both sides by the notch's depth
 * (the phone can be turned either way) with a shorter home indicator; Android keeps its status bar
 * on top and the camera hole goes to the side.
 */
export function deviceMetrics(device: Device): DeviceMetrics {
  const statusBar = device.statusBar ?? 20;
  let statusBarHeight = statusBar;
  let insets: Insets = { top: statusBar, right: 0, bottom: device.homeIndicator ?? 0, left: 0 };
  if (device.landscape) {
    const side = device.cutout ? statusBar : 0;
    if (device.platform === 'android') {
      statusBarHeight = 24;
      insets = { top: 24, right: 0, bottom: 0, left: side };
    } else {
      statusBarHeight = 0;
      insets = { top: 0, right: side, bottom: device.homeIndicator ? LANDSCAPE_HOME_INDICATOR : 0, left: side };
    }
  }
  const { width, height } = device;
  return {
    statusBarHeight,
    insets,
    safeArea: {
      left: insets.left,
      right: width - insets.right,
      top: insets.top,
      bottom: height - insets.bottom,
      width: width - insets.left - insets.right,
      height: height - insets.top - insets.bottom,
    },
  };
}

/** The same device turned a quarter (portrait ↔ landscape). */
export function turn(device: Device): Device {
  const landscape = !device.landscape;
  const base = device.name.replace(/ landscape$/, '');
  return { ...device, name: landscape ? `${base} landscape` : base, width: device.height, height: device.width, landscape };
}

/** A custom size, clamped to something a phone could be. */
export function customDevice(width: number, height: number): Device {
  const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number.isFinite(n) ? n : min)));
  const w = clamp(width, 240, 1024);
  const h = clamp(height, 320, 1400);
  return { name: `Custom (${w}×${h})`, width: w, height: h, pixelRatio: 2 };
}
