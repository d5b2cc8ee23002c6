/**
 * The encodings FileSystemManager's readFile/writeFile/appendFile take (docs: ascii, base64, hex,
 * binary, ucs2/ucs-2/utf16le/utf-16le, utf-8/utf8, latin1), with Node's Buffer semantics, and the
 * digests getFileInfo answers (md5, sha1) — without Node built-ins, so browsers hosts have them too.
 */

import { fromBase64, toBase64 } from './binary.ts';

export const FILE_ENCODINGS = ['ascii', 'base64', 'hex', 'binary', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf-8', 'utf8', 'latin1'] as const;
export type FileEncoding = (typeof FILE_ENCODINGS)[number];

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function charsOf(bytes: Uint8Array, mask: number): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    const chunk = bytes.subarray(i, i + 0x8000);
    out += String.fromCharCode(...(mask === 0xff ? chunk : chunk.map((b) => b & mask)));
  }
  return out;
}

/** Text → bytes. Throws for base64 that is not base64; hex stops at the first pair that is not hex (as Node). */
export function encodeText(text: string, encoding: FileEncoding): Uint8Array {
  switch (encoding.toLowerCase()) {
    case 'ascii':
    case 'binary':
    case 'latin1':
      return latin1Bytes(text);
    case 'base64':
      return fromBase64(text);
    case 'hex': {
      const out: number[] = [];
      for (let i = 0; i + 1 < text.length; i += 2) {
        const pair = text.slice(i, i + 2);
        if (!/^[0-9a-fA-F]{2}$/.test(pair)) break;
        out.push(parseInt(pair, 16));
      }
      return Uint8Array.from(out);
    }
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le': {
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        const unit = text.charCodeAt(i);
        out[i * 2] = unit & 0xff;
        out[i * 2 + 1] = unit >> 8;
      }
      return out;
    }
    default:
      return new TextEncoder().encode(text);
  }
}

/** Bytes → text. */
export function decodeBytes(bytes: Uint8Array, encoding: FileEncoding): string {
  switch (encoding.toLowerCase()) {
    case 'ascii':
      return charsOf(bytes, 0x7f);
    case 'binary':
    case 'latin1':
      return charsOf(bytes, 0xff);
    case 'base64':
      return toBase64(bytes);
    case 'hex':
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le': {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
      return out;
    }
    default:
      return new TextDecoder().decode(bytes);
  }
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** MD5 (RFC 1321) as 32 hex digits. */
export function md5Hex(data: Uint8Array): string {
  const s = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];
  const k = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
  const length = data.length;
  const padded = new Uint8Array((((length + 8) >> 6) + 1) * 64);
  padded.set(data);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, (length * 8) >>> 0, true);
  view.setUint32(padded.length - 4, Math.floor(length / 0x20000000), true);
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(offset + i * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      const sum = (a + f + k[i]! + m[g]!) >>> 0;
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s[i]!) | (sum >>> (32 - s[i]!)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((v, i) => out.setUint32(i * 4, v, true));
  return hex(new Uint8Array(out.buffer));
}

/** The digest getFileInfo answers: md5 (the default) or sha1, as hex. */
export async function digestHex(data: Uint8Array, algorithm: 'md5' | 'sha1'): Promise<string> {
  if (algorithm === 'md5') return md5Hex(data);
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-1', data as Uint8Array<ArrayBuffer>)));
}
