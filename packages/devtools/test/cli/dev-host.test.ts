/** `mpk dev --host`: where it listens, the preview URLs it prints, the hosts it answers to, and the QR code. */
import { describe, expect, it } from 'vitest';
import { addressesOf, listenAddress, previewUrls, terminalQr, type Interfaces } from '../../src/simulator/server/lan.ts';
import { runDev } from '../../src/cli/commands/dev.ts';
import { copyExample } from '../simulator/support.ts';

const interfaces: Interfaces = {
  lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }],
  eth0: [
    { address: '192.168.1.23', netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: '192.168.1.23/24' },
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '02:00:00:00:00:01', internal: false, cidr: 'fe80::1/64', scopeid: 2 },
  ],
};

describe('mpk dev --host', () => {
  it('listens on loopback without --host, every interface with --host, the address given with --host <address>', () => {
    expect(listenAddress(undefined)).toBe('127.0.0.1');
    expect(listenAddress(true)).toBe('0.0.0.0');
    expect(listenAddress('192.168.1.23')).toBe('192.168.1.23');
  });

  it('prints a preview URL per LAN address (IPv4, not loopback) and answers to those hosts', () => {
    expect(previewUrls('0.0.0.0', 8800, interfaces)).toEqual(['http://192.168.1.23:8800/?preview=1']);
    expect(previewUrls('127.0.0.1', 8800, interfaces)).toEqual(['http://127.0.0.1:8800/?preview=1']);
    expect(addressesOf('0.0.0.0', interfaces)).toEqual(['192.168.1.23', '[fe80::1]']);
    expect(addressesOf('127.0.0.1', interfaces)).toEqual(['127.0.0.1']);
  });

  it('draws the URL as a terminal QR code', async () => {
    const qr = await terminalQr('http://192.168.1.23:8800/?preview=1');
    expect(qr.split('\n').filter((l) => /[▀▄█]/.test(l)).length).toBeGreaterThan(10);
  });

  it('runDev --host 127.0.0.1 prints the preview URL and its QR code; without --host, no QR and loopback', async () => {
    const copy = copyExample('todo');
    for (const host of ['127.0.0.1', undefined]) {
      const out: string[] = [];
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      const exit = runDev(copy.dir, { port: 0, open: 'false', ...(host ? { host } : {}) }, { stdout: (t) => out.push(t), stderr: () => {} }, () => stopped);
      await expect.poll(() => out.join(''), { timeout: 20_000 }).toMatch(/simulator for todo at http:\/\/127\.0\.0\.1:\d+\//);
      if (host) {
        await expect.poll(() => out.join('')).toMatch(/full-screen preview for a phone on this network:\n {2}http:\/\/127\.0\.0\.1:\d+\/\?preview=1\n/);
        expect(out.join('')).toMatch(/[▀▄█]{5}/);
      } else expect(out.join('')).not.toMatch(/preview|[▀▄█]/);
      stop();
      expect(await exit).toBe(0);
    }
    copy.remove();
  }, 60_000);
});
