/**
 * What kind of address a name resolved to: the network APIs reach public addresses only, unless
 * the host grants more (`network.allowInsecureLoopback` for loopback, `network.allowPrivateAddresses`
 * for private, link-local and reserved ranges, or a list of CIDR ranges). IPv4 and IPv6, including
 * the IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`,
 * SIIT, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`), which are judged by the IPv4 address inside.
 * Pure code: browsers and Node alike.
 */

export type AddressKind = 'public' | 'loopback' | 'unspecified' | 'private' | 'link-local' | 'reserved';

export interface AddressPolicy {
  /** Loopback (127.0.0.0/8, ::1) and unspecified (0.0.0.0/8, ::) addresses, which reach this machine. */
  allowLoopback: boolean;
  /** `true`: private, link-local and reserved ranges; a list: only these CIDR ranges (any kind, loopback included). */
  allowPrivate: boolean | readonly string[];
}

/** Bytes of an IPv4 address in dotted decimal (the only form resolvers and URL hosts produce), else undefined. */
export function parseIpv4(text: string): Uint8Array | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = new Uint8Array(4);
  for (const [i, part] of parts.entries()) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes[i] = n;
  }
  return bytes;
}

/** Bytes of an IPv6 address (brackets and a zone index allowed), else undefined. */
export function parseIpv6(text: string): Uint8Array | undefined {
  let t = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = t.indexOf('%');
  if (zone >= 0) t = t.slice(0, zone);
  if (!t.includes(':')) return undefined;
  const lastColon = t.lastIndexOf(':');
  if (t.slice(lastColon + 1).includes('.')) {
    // An IPv4 tail (`::ffff:127.0.0.1`) is two groups.
    const v4 = parseIpv4(t.slice(lastColon + 1));
    if (!v4) return undefined;
    t = `${t.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = t.split('::');
  if (halves.length > 2) return undefined;
  const group = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  if (halves.length === 2 && head.length + rest.length > 7) return undefined;
  const groups = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest] : head;
  if (groups.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 0xff;
  });
  return bytes;
}

export function parseIp(text: string): Uint8Array | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

function inPrefix(bytes: Uint8Array, prefix: readonly number[], bits: number): boolean {
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((bytes[byte]! & mask) !== ((prefix[byte] ?? 0) & mask)) return false;
  }
  return true;
}

const V4_RANGES: Array<[number[], number, AddressKind]> = [
  [[0], 8, 'unspecified'],
  [[127], 8, 'loopback'],
  [[10], 8, 'private'],
  [[172, 16], 12, 'private'],
  [[192, 168], 16, 'private'],
  [[100, 64], 10, 'private'], // shared address space (carrier-grade NAT)
  [[198, 18], 15, 'private'], // benchmarking
  [[169, 254], 16, 'link-local'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'reserved'],
  [[192, 88, 99], 24, 'reserved'],
  [[198, 51, 100], 24, 'reserved'],
  [[203, 0, 113], 24, 'reserved'],
  [[224], 4, 'reserved'], // multicast
  [[240], 4, 'reserved'], // reserved and broadcast
];

function classifyV4(bytes: Uint8Array): AddressKind {
  for (const [prefix, bits, kind] of V4_RANGES) if (inPrefix(bytes, prefix, bits)) return kind;
  return 'public';
}

const ZERO = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

function classifyV6(b: Uint8Array): AddressKind {
  const v4 = (offset: number) => b.slice(offset, offset + 4);
  if (b.every((x) => x === 0)) return 'unspecified';
  if (inPrefix(b, [...ZERO, 0, 0, 0], 120) && b[15] === 1) return 'loopback';
  if (inPrefix(b, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) return classifyV4(v4(12)); // mapped
  if (inPrefix(b, ZERO, 96)) return classifyV4(v4(12)); // compatible (deprecated)
  if (inPrefix(b, [0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0], 96)) return classifyV4(v4(12)); // SIIT
  if (inPrefix(b, [0, 0x64, 0xff, 0x9b], 96)) return classifyV4(v4(12)); // NAT64 well-known
  if (inPrefix(b, [0, 0x64, 0xff, 0x9b, 0, 1], 48)) return 'private'; // local-use NAT64
  if (inPrefix(b, [0x20, 0x02], 16)) return classifyV4(v4(2)); // 6to4
  if (inPrefix(b, [0x20, 0x01, 0, 0], 32)) return 'reserved'; // Teredo
  if (inPrefix(b, [0x20, 0x01, 0x0d, 0xb8], 32)) return 'reserved'; // documentation
  if (inPrefix(b, [0xfc], 7)) return 'private'; // unique local
  if (inPrefix(b, [0xfe, 0x80], 10)) return 'link-local';
  if (inPrefix(b, [0xfe, 0xc0], 10)) return 'private'; // site-local (deprecated)
  if (inPrefix(b, [0xff], 8)) return 'reserved'; // multicast
  if (!inPrefix(b, [0x20], 3)) return 'reserved'; // outside global unicast
  return 'public';
}

/** The kind of `address`; `undefined` when it is not an IP address. */
export function addressKind(address: string): AddressKind | undefined {
  const bytes = parseIp(address);
  if (!bytes) return undefined;
  return bytes.length === 4 ? classifyV4(bytes) : classifyV6(bytes);
}

/** `address` in `cidr` (`10.0.0.0/8`, `fd00::/8`, or a single address). IPv4 ranges also match mapped IPv6 forms. */
export function inCidr(address: string, cidr: string): boolean {
  const [base = '', bitsText] = cidr.split('/');
  const range = parseIp(base);
  let bytes = parseIp(address);
  if (!range || !bytes) return false;
  if (range.length === 4 && bytes.length === 16 && inPrefix(bytes, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96)) bytes = bytes.slice(12);
  if (range.length !== bytes.length) return false;
  const bits = bitsText === undefined ? range.length * 8 : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > range.length * 8) return false;
  return inPrefix(bytes, [...range], bits);
}

const LABELS: Record<Exclude<AddressKind, 'public'>, string> = {
  loopback: 'a loopback address',
  unspecified: 'an unspecified address (this machine)',
  private: 'a private address',
  'link-local': 'a link-local address',
  reserved: 'a reserved or multicast address',
};

/** Why `address` may not be reached under `policy` ("a loopback address"…), or undefined when it may. */
export function addressRefusal(address: string, policy: AddressPolicy): string | undefined {
  const kind = addressKind(address);
  if (kind === undefined) return 'not an IP address';
  if (kind === 'public') return undefined;
  if (Array.isArray(policy.allowPrivate) && policy.allowPrivate.some((cidr) => inCidr(address, cidr))) return undefined;
  if ((kind === 'loopback' || kind === 'unspecified') && policy.allowLoopback) return undefined;
  if (kind !== 'loopback' && kind !== 'unspecified' && policy.allowPrivate === true) return undefined;
  return LABELS[kind];
}
