/**
 * The full-screen preview (`?preview=1`, the URL `mpk dev --host` prints and shows as a QR code):
 * only the mini-program, the phone filling the browser's viewport (a phone opening it sees the app
 * as its own screen), no toolbar or panels; builds still hot-reload it.
 */
import type { Device } from './phone/devices.ts';

export function isPreview(): boolean {
  return new URLSearchParams(location.search).has('preview');
}

/** The viewport as the device: its size and pixel ratio, Android's look on Android browsers. */
export function previewDevice(): Device {
  const android = /Android/i.test(navigator.userAgent);
  return {
    name: 'Preview',
    width: Math.round(window.innerWidth),
    height: Math.round(window.innerHeight),
    pixelRatio: window.devicePixelRatio || 2,
    ...(android ? { platform: 'android' as const, statusBar: 24 } : { statusBar: 20 }),
  };
}

/** Marks the page so the simulator's styles drop everything but the phone, and the frame. */
export function enterPreview(): void {
  document.documentElement.classList.add('sim-preview');
}

/** A phone turned (or a resized window): the app restarts on the new viewport, once it settles. */
export function followViewport(change: (device: Device) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = previewDevice();
  addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = previewDevice();
      if (next.width === last.width && next.height === last.height) return;
      last = next;
      change(next);
    }, 250);
  });
}
