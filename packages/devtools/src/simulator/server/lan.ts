/**
 * `mpk dev --host`: the addresses a phone on the same network can open, and the QR code of the
 * preview URL for the terminal (scan it with the phone's camera). The preview (`?preview=1`) shows
 * only the mini-program, full-screen, with hot reload.
 */
import os from 'node:os';
import QRCode from 'qrcode';

export type Interfaces = ReturnType<typeof os.networkInterfaces>;

/** `--host` alone listens on every interface; `--host <address>` on that one; absent: loopback only. */
export function listenAddress(host: string | boolean | undefined): string {
  if (host === true || host === '') return '0.0.0.0';
  if (typeof host === 'string') return host;
  return '127.0.0.1';
}

/** The preview URLs a phone can open: every non-internal IPv4 address when listening on all of them. */
export function previewUrls(address: string, port: number, interfaces: Interfaces = os.networkInterfaces()): string[] {
  const hosts =
    address === '0.0.0.0' || address === '::'
      ? Object.values(interfaces)
          .flat()
          .filter((i) => i && i.family === 'IPv4' && !i.internal)
          .map((i) => i!.address)
      : [address.includes(':') ? `[${address}]` : address];
  return hosts.map((h) => `http://${h}:${port}/?preview=1`);
}

/** The hosts the server answers to (its DNS-rebinding check) when listening on `address`. */
export function addressesOf(address: string, interfaces: Interfaces = os.networkInterfaces()): string[] {
  if (address !== '0.0.0.0' && address !== '::') return [address];
  return Object.values(interfaces)
    .flat()
    .filter((i) => i && !i.internal)
    .map((i) => (i!.family === 'IPv6' ? `[${i!.address}]` : i!.address));
}

/** The URL as a QR code drawn with block characters (two rows per line). */
export function terminalQr(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'terminal', small: true });
}
