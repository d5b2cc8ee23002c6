import { describe, expect, it } from 'vitest';
import { addressKind, addressRefusal, inCidr, parseIpv6 } from '../../src/adapters/addresses.ts';

describe('addressKind', () => {
  it('classifies IPv4 ranges', () => {
    const kinds: Record<string, string> = {
      '8.8.8.8': 'public',
      '127.0.0.1': 'loopback',
      '127.255.255.254': 'loopback',
      '0.0.0.0': 'unspecified',
      '10.1.2.3': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '172.32.0.1': 'public',
      '192.168.1.1': 'private',
      '100.64.0.1': 'private',
      '169.254.169.254': 'link-local',
      '224.0.0.1': 'reserved',
      '255.255.255.255': 'reserved',
    };
    for (const [address, kind] of Object.entries(kinds)) expect([address, addressKind(address)]).toEqual([address, kind]);
  });

  it('classifies IPv6, judging the IPv4-carrying forms by the IPv4 address inside', () => {
    const kinds: Record<string, string> = {
      '2606:4700:4700::1111': 'public',
      '::1': 'loopback',
      '[::1]': 'loopback',
      '::': 'unspecified',
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:7f00:1': 'loopback',
      '::FFFF:10.0.0.1': 'private',
      '::ffff:8.8.8.8': 'public',
      '::127.0.0.1': 'loopback',
      '::ffff:0:127.0.0.1': 'loopback',
      '64:ff9b::7f00:1': 'loopback',
      '2002:7f00:1::1': 'loopback',
      '2002:0808:0808::1': 'public',
      'fe80::1%eth0': 'link-local',
      'fd00::1': 'private',
      'fec0::1': 'private',
      'ff02::1': 'reserved',
      '2001::1': 'reserved',
      '2001:db8::1': 'reserved',
    };
    for (const [address, kind] of Object.entries(kinds)) expect([address, addressKind(address)]).toEqual([address, kind]);
    expect(addressKind('example.com')).toBeUndefined();
    expect(parseIpv6('1::2::3')).toBeUndefined();
    expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });
});

describe('addressRefusal', () => {
  it('refuses all but public addresses unless granted, and grants by kind or by CIDR', () => {
    const none = { allowLoopback: false, allowPrivate: false };
    expect(addressRefusal('8.8.8.8', none)).toBeUndefined();
    expect(addressRefusal('127.0.0.1', none)).toBe('a loopback address');
    expect(addressRefusal('::ffff:127.0.0.1', none)).toBe('a loopback address');
    expect(addressRefusal('0.0.0.0', none)).toBe('an unspecified address (this machine)');
    expect(addressRefusal('192.168.0.1', none)).toBe('a private address');
    expect(addressRefusal('169.254.169.254', none)).toBe('a link-local address');
    expect(addressRefusal('not-an-ip', none)).toBe('not an IP address');
    expect(addressRefusal('127.0.0.1', { allowLoopback: true, allowPrivate: false })).toBeUndefined();
    expect(addressRefusal('10.0.0.1', { allowLoopback: true, allowPrivate: false })).toBe('a private address');
    expect(addressRefusal('10.0.0.1', { allowLoopback: false, allowPrivate: true })).toBeUndefined();
    expect(addressRefusal('127.0.0.1', { allowLoopback: false, allowPrivate: true })).toBe('a loopback address');
    const lan = { allowLoopback: false, allowPrivate: ['10.1.0.0/16', 'fd00::/8'] };
    expect(addressRefusal('10.1.2.3', lan)).toBeUndefined();
    expect(addressRefusal('::ffff:10.1.2.3', lan)).toBeUndefined();
    expect(addressRefusal('10.2.0.1', lan)).toBe('a private address');
    expect(addressRefusal('fd12::1', lan)).toBeUndefined();
    expect(inCidr('127.0.0.1', '127.0.0.1')).toBe(true);
    expect(inCidr('127.0.0.1', 'bogus/8')).toBe(false);
  });
});
