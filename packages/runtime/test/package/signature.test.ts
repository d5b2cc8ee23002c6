/** Package signatures: canonical form, key formats, and each way a signature is refused. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, keyIdOf, parseSignature, rawPublicKey, resolveTrustedKeys, verifyPackageSignature } from '../../src/package/signature.ts';
import { generateSigningKeys, signManifest, signingKeyId } from '../../src/package/signing.ts';
import { PackageError } from '../../src/package/verify.ts';
import { BASE_FILES, manifestFor } from './support.ts';

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PackageError);
  expect((error as PackageError).file).toBe('manifest.sig');
  return (error as PackageError).message;
}

describe('canonicalJson', () => {
  it('sorts keys at every level, drops whitespace, and is stable across key order', () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: 'x', c: 1.5 }] })).toBe('{"a":[true,null,{"c":1.5,"d":"x"}],"b":1}');
    expect(canonicalJson(JSON.parse('{"z":1,"y":{"b":2,"a":"é\\u0000"}}'))).toBe(canonicalJson({ y: { a: 'é\u0000', b: 2 }, z: 1 }));
    expect(() => canonicalJson({ n: Infinity })).toThrow(TypeError);
  });
});

describe('signing and verifying', () => {
  const keys = generateSigningKeys();
  const manifest = manifestFor(BASE_FILES);
  const signature = signManifest(manifest, keys.privateKeyPem);

  it('accepts a signature by a trusted key given as PEM, JWK, raw bytes, hex, base64 or a KeyObject', async () => {
    const { publicKey } = { publicKey: keys.publicKeyPem };
    const raw = rawPublicKey(publicKey);
    const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') };
    for (const key of [publicKey, jwk, raw, Buffer.from(raw).toString('hex'), Buffer.from(raw).toString('base64')]) {
      const trusted = await resolveTrustedKeys({ keys: [{ key }] });
      expect(await verifyPackageSignature(manifest, signature, trusted)).toEqual({ keyId: keys.keyId });
    }
    const { createPublicKey } = await import('node:crypto');
    expect(await verifyPackageSignature(manifest, signature, await resolveTrustedKeys({ keys: [{ key: createPublicKey(publicKey) }] }))).toEqual({ keyId: keys.keyId });
    expect(await keyIdOf(publicKey)).toBe(keys.keyId);
    expect(signingKeyId(keys.privateKeyPem)).toBe(keys.keyId);
  });

  it('signs every file hash: a manifest with any size or sha256 changed is refused', async () => {
    const trusted = await resolveTrustedKeys({ keys: { [keys.keyId]: keys.publicKeyPem } });
    for (const field of ['sha256', 'size'] as const) {
      const changed = structuredClone(manifest);
      const file = changed.files[1]!;
      if (field === 'sha256') file.sha256 = file.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      else file.size += 1;
      expect(await refusal(verifyPackageSignature(changed, signature, trusted))).toBe(
        'manifest.sig: the signature was made for another manifest.json (the manifest was modified after signing); refused',
      );
    }
    // Key order and whitespace do not matter: the canonical form is signed.
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse()), null, 2));
    expect(await verifyPackageSignature(reordered, signature, trusted)).toEqual({ keyId: keys.keyId });
  });

  it('refuses a missing, malformed, unknown-key or wrongly-signed signature, each with its reason', async () => {
    const trusted = await resolveTrustedKeys({ keys: [{ key: keys.publicKeyPem }] });
    expect(await refusal(verifyPackageSignature(manifest, undefined, trusted))).toBe(
      'manifest.sig is missing: this host runs signed packages only (createContainer trust.keys); sign it with mpk build --sign',
    );
    expect(await refusal(verifyPackageSignature(manifest, 'not json', trusted))).toBe('manifest.sig is not valid JSON; refused');
    expect(await refusal(verifyPackageSignature(manifest, JSON.stringify({ ...JSON.parse(signature), algorithm: 'none' }), trusted))).toBe(
      'manifest.sig: algorithm "none" is not accepted (only Ed25519)',
    );
    const stranger = generateSigningKeys();
    expect(await refusal(verifyPackageSignature(manifest, signManifest(manifest, stranger.privateKeyPem), trusted))).toBe(
      `manifest.sig: signed with key "${stranger.keyId}", which this host does not trust (trusted: ${keys.keyId})`,
    );
    // Another key claiming the trusted key's id.
    const forged = signManifest(manifest, stranger.privateKeyPem, keys.keyId);
    expect(await refusal(verifyPackageSignature(manifest, forged, trusted))).toBe(
      `manifest.sig: the signature does not verify with trusted key "${keys.keyId}" (forged, or signed with another key under that id); refused`,
    );
    expect(() => parseSignature(JSON.stringify({ ...JSON.parse(signature), signature: 'AAAA' }))).toThrow('not a base64 Ed25519 signature');
  });

  it('refuses bad trust configuration early: private keys, other algorithms, an empty list', async () => {
    await expect(resolveTrustedKeys({ keys: [{ key: keys.privateKeyPem }] })).rejects.toThrow('this is a private key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    await expect(resolveTrustedKeys({ keys: [{ id: 'rsa', key: rsa }] })).rejects.toThrow('trust.keys[rsa]');
    await expect(resolveTrustedKeys({ keys: [] })).rejects.toThrow('trust.keys is empty');
    expect(() => signManifest(manifest, rsa)).toThrow(TypeError);
  });
});
