/** `my.arrayBufferToBase64` / `my.base64ToArrayBuffer` (docs: 基础API/基础), in the guest: no bytes cross the bridge. */
import { stringify } from './intrinsics.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX: Record<string, number> = {};
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET[i]!] = i;
INDEX['-'] = 62;
INDEX['_'] = 63;

function bytesOf(value: unknown): Uint8Array {
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new TypeError('my.arrayBufferToBase64(buffer): buffer must be an ArrayBuffer');
}

export function arrayBufferToBase64(buffer: unknown): string {
  const bytes = bytesOf(buffer);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

export function base64ToArrayBuffer(base64: unknown): ArrayBuffer {
  if (typeof base64 !== 'string') throw new TypeError('my.base64ToArrayBuffer(base64): base64 must be a string');
  // Whitespace and padding are skipped (no String.prototype.replace: the app may have replaced it).
  const skipped = (ch: string): boolean => ch === '=' || ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t' || ch === '\f' || ch === '\v';
  let count = 0;
  for (let i = 0; i < base64.length; i++) if (!skipped(base64[i])) count++;
  const size = (count * 3) / 4;
  const bytes = new Uint8Array(size - (size % 1));
  let n = 0;
  let bits = 0;
  let acc = 0;
  for (let i = 0; i < base64.length; i++) {
    const ch = base64[i];
    if (skipped(ch)) continue;
    const v = INDEX[ch];
    if (v === undefined) throw new TypeError(`my.base64ToArrayBuffer: invalid Base64 character ${stringify(ch)}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (acc >> bits) & 255;
    }
  }
  return (n === bytes.length ? bytes : copyBytes(bytes, n)).buffer as ArrayBuffer;
}

function copyBytes(bytes: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes[i];
  return out;
}
