/**
 * Binary data across the JSON bridge. An ArrayBuffer cannot travel as JSON, so wherever the docs
 * put one (request `data`, `dataType: 'arraybuffer'` responses) the bridge carries
 * `{ "$arraybuffer": "<base64>" }`; the base library turns it into an ArrayBuffer and back.
 */

export const ARRAY_BUFFER_KEY = '$arraybuffer';

export interface BinaryMarker {
  [ARRAY_BUFFER_KEY]: string;
}

export function isBinaryMarker(value: unknown): value is BinaryMarker {
  return typeof value === 'object' && value !== null && typeof (value as BinaryMarker)[ARRAY_BUFFER_KEY] === 'string';
}

type NodeBuffer = { from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string } };
const NodeBufferImpl = (globalThis as { Buffer?: NodeBuffer }).Buffer;

export function toBase64(bytes: Uint8Array): string {
  if (NodeBufferImpl) return NodeBufferImpl.from(bytes).toString('base64');
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes base64; throws on text that is not base64. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) throw new Error('not base64');
  if (NodeBufferImpl) return Uint8Array.from(NodeBufferImpl.from(clean, 'base64'));
  return Uint8Array.from(atob(clean.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

export function toBinaryMarker(bytes: Uint8Array): BinaryMarker {
  return { [ARRAY_BUFFER_KEY]: toBase64(bytes) };
}

export function concatBytes(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
