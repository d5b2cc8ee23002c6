/** The device selector's presets (CSS pixels), like the official IDE's device list. */
export interface Device {
  name: string;
  width: number;
  height: number;
  pixelRatio: number;
  /** Which platform's look the built-ins take (`my.getSystemInfo().platform` follows). Default iOS. */
  platform?: 'ios' | 'android';
}

export const DEVICES: readonly Device[] = [
  { name: 'iPhone SE (320)', width: 320, height: 568, pixelRatio: 2 },
  { name: 'iPhone 8 (375)', width: 375, height: 667, pixelRatio: 2 },
  { name: 'iPhone 8 Plus (414)', width: 414, height: 736, pixelRatio: 3 },
  { name: 'iPhone 12 (390)', width: 390, height: 844, pixelRatio: 3 },
  { name: 'iPhone 14 Pro Max (430)', width: 430, height: 932, pixelRatio: 3 },
  { name: 'Pixel 5 (393)', width: 393, height: 851, pixelRatio: 2.75, platform: 'android' },
  { name: 'Galaxy S20 (360)', width: 360, height: 800, pixelRatio: 4, platform: 'android' },
  { name: 'Huawei P30 (360)', width: 360, height: 780, pixelRatio: 3, platform: 'android' },
];

export const DEFAULT_DEVICE = DEVICES[1]!;

/** Heights of the phone chrome above the page (status bar, navigation bar), as my.getSystemInfo reports them. */
export const STATUS_BAR_HEIGHT = 20;
export const TITLE_BAR_HEIGHT = 44;

/** A custom size, clamped to something a phone could be. */
export function customDevice(width: number, height: number): Device {
  const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number.isFinite(n) ? n : min)));
  const w = clamp(width, 240, 1024);
  const h = clamp(height, 320, 1400);
  return { name: `Custom (${w}×${h})`, width: w, height: h, pixelRatio: 2 };
}
