/**
 * Signing packages (Node: the build service, `mpk build --sign`, `mpk keygen`). See `signature.ts`
 * for what is signed and how a host verifies it.
 *
 * ```ts
 * import { generateSigningKeys, signPackageDir } from '@mpk/runtime/node';
 * const { privateKeyPem, publicKeyPem, keyId } = generateSigningKeys();
 * await signPackageDir('examples/todo/dist', privateKeyPem);   // writes examples/todo/dist/manifest.sig
 * ```
 */

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackageManifest } from '../contract/package-format.ts';
import { MANIFEST_FILE, SIGNATURE_FILE } from './paths.ts';
import { SIGNATURE_ALGORITHM, SIGNATURE_FORMAT, rawPublicKey, signedBytes, toBase64, type PackageSignature } from './signature.ts';
import { validateManifest } from './verify.ts';

export interface SigningKeys {
  /** PKCS#8 PEM: keep it secret (the build service's). */
  privateKeyPem: string;
  /** SPKI PEM: what hosts pass in `trust.keys`. */
  publicKeyPem: string;
  /** The public key's fingerprint, the default key id. */
  keyId: string;
}

/** Private key material: PKCS#8 PEM text, a JWK with `d`, or a KeyObject. */
export type PrivateKeyInput = string | JsonWebKey | KeyObject;

function privateKeyObject(input: PrivateKeyInput): KeyObject {
  if (typeof input === 'string' && input.includes('-----BEGIN PUBLIC KEY-----')) {
    throw new TypeError('this is a public key: signing needs the private key (mpk keygen writes <name>.key)');
  }
  let key: KeyObject;
  try {
    if (typeof input === 'string') key = createPrivateKey(input);
    else if ((input as KeyObject).type !== undefined && typeof (input as KeyObject).export === 'function') key = input as KeyObject;
    else key = createPrivateKey({ key: input as JsonWebKey, format: 'jwk' } as never);
  } catch (error) {
    throw new TypeError(`not a private key (PKCS#8 PEM, JWK or KeyObject): ${(error as Error).message}`);
  }
  if (key.type !== 'private') throw new TypeError('signing needs the private key (mpk keygen writes <name>.key)');
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`signing needs an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** The fingerprint of a raw public key (same as `keyIdOf`, synchronously). */
function fingerprint(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex').slice(0, 16);
}

export function generateSigningKeys(): SigningKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    keyId: fingerprint(rawPublicKey(publicKey)),
  };
}

/** The key id a private key signs as by default (its public key's fingerprint). */
export function signingKeyId(privateKey: PrivateKeyInput): string {
  return fingerprint(rawPublicKey(createPublicKey(privateKeyObject(privateKey))));
}

/** manifest.sig's text for `manifest`, signed with `privateKey` under `keyId` (default: its fingerprint). */
export function signManifest(manifest: PackageManifest, privateKey: PrivateKeyInput, keyId?: string): string {
  const key = privateKeyObject(privateKey);
  const message = signedBytes(manifest);
  const signature: PackageSignature = {
    format: SIGNATURE_FORMAT,
    algorithm: SIGNATURE_ALGORITHM,
    keyId: keyId ?? fingerprint(rawPublicKey(createPublicKey(key))),
    manifestSha256: createHash('sha256').update(message).digest('hex'),
    signature: toBase64(sign(null, message, key)),
  };
  return `${JSON.stringify(signature, null, 2)}\n`;
}

/** Signs the package in `dir`: reads its manifest.json, writes manifest.sig next to it (atomically). */
export async function signPackageDir(dir: string, privateKey: PrivateKeyInput, keyId?: string): Promise<{ keyId: string; file: string }> {
  const manifest = validateManifest(JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')));
  const text = signManifest(manifest, privateKey, keyId);
  const file = path.join(dir, SIGNATURE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text, { mode: 0o644 });
  await rename(temp, file);
  return { keyId: (JSON.parse(text) as PackageSignature).keyId, file };
}

/** Removes a stale manifest.sig (an unsigned rebuild must not keep the previous build's signature). */
export async function removePackageSignature(dir: string): Promise<void> {
  await rm(path.join(dir, SIGNATURE_FILE), { force: true });
}
