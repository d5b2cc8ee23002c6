/**
 * Signed packages: a host that passes `trust: { keys }` to `createContainer` runs only packages
 * whose `manifest.sig` verifies with one of those keys. The signature is Ed25519 over a canonical
 * form of manifest.json (keys sorted, no whitespace — see `canonicalManifest`), so it covers every
 * listed file's size and sha256; each file read is checked against those, so no byte of a signed
 * package can change unnoticed. Verification uses WebCrypto (Node 20 and current browsers alike).
 *
 * manifest.sig is JSON: `{ "format": 1, "algorithm": "Ed25519", "keyId": "…", "manifestSha256": "…",
 * "signature": "<base64>" }`. `manifestSha256` (of the canonical form) only sharpens the error
 * message; the signature is what counts. Signing (Node): `signManifest` in `./signing.ts`.
 */

import type { PackageManifest } from '../contract/package-format.ts';
import { SIGNATURE_FILE } from './paths.ts';
import { PackageError, sha256Hex } from './verify.ts';

export const SIGNATURE_FORMAT = 1;
export const SIGNATURE_ALGORITHM = 'Ed25519';
/** Prefixed to the canonical manifest before signing: a signature over anything else never verifies as a package's. */
export const SIGNATURE_CONTEXT = 'mpk-manifest-signature-v1\n';

/**
 * An Ed25519 public key: PEM (SPKI, `-----BEGIN PUBLIC KEY-----`), a JWK (`{ kty: 'OKP', crv: 'Ed25519', x }`),
 * the 32 raw bytes (a Uint8Array, or hex / base64 / base64url text), or a Node `KeyObject`.
 */
export type PublicKeyInput = string | Uint8Array | JsonWebKey | { type: string; export(options: { format: 'jwk' }): JsonWebKey };

export interface TrustedKey {
  /** The id signatures name (`mpk keygen` prints it; default: the key's fingerprint, `keyIdOf`). */
  id?: string;
  key: PublicKeyInput;
}

export interface TrustOptions {
  /** The keys this host accepts, as a list or as `{ [id]: key }`. A package signed by any other key is refused. */
  keys: TrustedKey[] | Record<string, PublicKeyInput>;
}

export interface PackageSignature {
  format: typeof SIGNATURE_FORMAT;
  algorithm: typeof SIGNATURE_ALGORITHM;
  keyId: string;
  manifestSha256: string;
  signature: string;
}

const SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);

/** Canonical JSON: object keys sorted (UTF-16 order), no whitespace, JSON.stringify for strings and numbers. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} is not JSON`);
}

/** The bytes a package signature signs: the context line, then the canonical manifest. */
export function signedBytes(manifest: PackageManifest | unknown): Uint8Array {
  let canonical: string;
  try {
    canonical = canonicalJson(manifest);
  } catch (error) {
    throw new PackageError(`manifest.json cannot be put in canonical form: ${(error as Error).message}`, 'manifest.json');
  }
  return new TextEncoder().encode(SIGNATURE_CONTEXT + canonical);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const normal = text.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/\s+/g, '');
  const padded = normal + '='.repeat((4 - (normal.length % 4)) % 4);
  const binary = atob(padded);
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The 32 raw bytes of an Ed25519 public key given in any accepted form. Throws TypeError otherwise. */
export function rawPublicKey(input: PublicKeyInput): Uint8Array {
  if (input instanceof Uint8Array) {
    if (input.byteLength === 32) return input.slice();
    if (input.byteLength === 44 && SPKI_PREFIX.every((b, i) => input[i] === b)) return input.slice(12);
    throw new TypeError(`an Ed25519 public key is 32 raw bytes (or a 44-byte SPKI), got ${input.byteLength} bytes`);
  }
  if (typeof input === 'string') {
    const text = input.trim();
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new TypeError('this is a private key: a host trusts public keys only (mpk keygen writes both)');
    const pem = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(text);
    if (pem) return rawPublicKey(fromBase64(pem[1]!));
    if (/^[0-9a-fA-F]{64}$/.test(text)) return Uint8Array.from(text.match(/../g)!, (h) => parseInt(h, 16));
    if (/^[A-Za-z0-9+/_=-]+$/.test(text)) return rawPublicKey(fromBase64(text));
    throw new TypeError('not an Ed25519 public key (PEM, JWK, hex or base64 of 32 bytes)');
  }
  if (input && typeof input === 'object' && typeof (input as { export?: unknown }).export === 'function') {
    const keyObject = input as { type: string; export(options: { format: 'jwk' }): JsonWebKey };
    if (keyObject.type !== 'public') throw new TypeError('this is a private key: a host trusts public keys only');
    return rawPublicKey(keyObject.export({ format: 'jwk' }));
  }
  const jwk = input as JsonWebKey;
  if (jwk && typeof jwk === 'object' && jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
    const raw = fromBase64(jwk.x);
    if (raw.byteLength !== 32) throw new TypeError('JWK x is not 32 bytes');
    return raw;
  }
  throw new TypeError('not an Ed25519 public key (PEM, JWK { kty: "OKP", crv: "Ed25519", x }, hex or base64 of 32 bytes)');
}

/** A key's fingerprint: the first 16 hex digits of the sha256 of its raw bytes (the default key id). */
export async function keyIdOf(key: PublicKeyInput): Promise<string> {
  return (await sha256Hex(rawPublicKey(key))).slice(0, 16);
}

interface ResolvedKey {
  id: string;
  key: CryptoKey;
}

/** Imports a host's trusted keys once (a container with `trust` does it at creation). */
export async function resolveTrustedKeys(trust: TrustOptions): Promise<ResolvedKey[]> {
  if (!trust || typeof trust !== 'object' || !trust.keys || typeof trust.keys !== 'object') {
    throw new TypeError('trust.keys must list the public keys this host accepts');
  }
  const entries: TrustedKey[] = Array.isArray(trust.keys) ? trust.keys : Object.entries(trust.keys).map(([id, key]) => ({ id, key }));
  if (entries.length === 0) throw new TypeError('trust.keys is empty: no package could ever run (omit trust to run unsigned packages)');
  const out: ResolvedKey[] = [];
  for (const [index, entry] of entries.entries()) {
    let raw: Uint8Array;
    try {
      raw = rawPublicKey(entry.key);
    } catch (error) {
      throw new TypeError(`trust.keys[${entry.id ?? index}]: ${(error as Error).message}`);
    }
    const id = entry.id ?? (await sha256Hex(raw)).slice(0, 16);
    const key = await globalThis.crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
    out.push({ id, key });
  }
  return out;
}

/** Parses manifest.sig; throws PackageError saying what is wrong with it. */
export function parseSignature(text: string): PackageSignature {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PackageError(`${SIGNATURE_FILE} is not valid JSON; refused`, SIGNATURE_FILE);
  }
  const sig = value as Partial<PackageSignature> | null;
  if (!sig || typeof sig !== 'object') throw new PackageError(`${SIGNATURE_FILE} is not an object; refused`, SIGNATURE_FILE);
  if (sig.format !== SIGNATURE_FORMAT) throw new PackageError(`${SIGNATURE_FILE} has format ${String(sig.format)}; this runtime reads format ${SIGNATURE_FORMAT}`, SIGNATURE_FILE);
  if (sig.algorithm !== SIGNATURE_ALGORITHM) throw new PackageError(`${SIGNATURE_FILE}: algorithm ${JSON.stringify(sig.algorithm)} is not accepted (only ${SIGNATURE_ALGORITHM})`, SIGNATURE_FILE);
  if (typeof sig.keyId !== 'string' || sig.keyId === '' || sig.keyId.length > 200) throw new PackageError(`${SIGNATURE_FILE} names no key (keyId)`, SIGNATURE_FILE);
  if (typeof sig.signature !== 'string' || !/^[A-Za-z0-9+/]{86}==$/.test(sig.signature)) {
    throw new PackageError(`${SIGNATURE_FILE}: signature is not a base64 Ed25519 signature (64 bytes)`, SIGNATURE_FILE);
  }
  if (typeof sig.manifestSha256 !== 'string') throw new PackageError(`${SIGNATURE_FILE}: manifestSha256 is missing`, SIGNATURE_FILE);
  return sig as PackageSignature;
}

/**
 * Throws PackageError unless `signatureText` (manifest.sig) is a valid signature of `manifest` by
 * one of `keys`: missing, malformed, signed by a key the host does not trust, made for another
 * manifest, or not verifying — each with its own message.
 */
export async function verifyPackageSignature(manifest: PackageManifest, signatureText: string | undefined, keys: readonly ResolvedKey[]): Promise<{ keyId: string }> {
  if (signatureText === undefined) {
    throw new PackageError(`${SIGNATURE_FILE} is missing: this host runs signed packages only (createContainer trust.keys); sign it with mpk build --sign`, SIGNATURE_FILE);
  }
  const sig = parseSignature(signatureText);
  const trusted = keys.filter((k) => k.id === sig.keyId);
  if (trusted.length === 0) {
    throw new PackageError(`${SIGNATURE_FILE}: signed with key ${JSON.stringify(sig.keyId)}, which this host does not trust (trusted: ${keys.map((k) => k.id).join(', ')})`, SIGNATURE_FILE);
  }
  const message = signedBytes(manifest);
  const signature = fromBase64(sig.signature);
  for (const { key } of trusted) {
    if (await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, signature as Uint8Array<ArrayBuffer>, message as Uint8Array<ArrayBuffer>)) return { keyId: sig.keyId };
  }
  const digest = await sha256Hex(message);
  throw new PackageError(
    digest !== sig.manifestSha256
      ? `${SIGNATURE_FILE}: the signature was made for another manifest.json (the manifest was modified after signing); refused`
      : `${SIGNATURE_FILE}: the signature does not verify with trusted key ${JSON.stringify(sig.keyId)} (forged, or signed with another key under that id); refused`,
    SIGNATURE_FILE,
  );
}

export { hex as toHex };
