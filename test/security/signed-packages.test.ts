/**
 * Signed packages: a host that trusts only its build service's key runs a package signed with it
 * (`mpk build --sign`, keys from `mpk keygen`) and refuses — before any app code runs, with a
 * PackageError saying why — one that is unsigned, tampered (a file edited and its hash recomputed
 * in the manifest, or a file edited alone), signed by an unknown key, or signed by another key
 * under the trusted key's id. Without `trust`, unsigned packages run as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@mpk/devtools';
import { PackageError, packageFromFiles, type TrustOptions } from '@mpk/runtime';
import { generateSigningKeys, loadPackageFromDir, signManifest } from '@mpk/runtime/node';
import { PROBE_APP, appCodeRan, cleanup, run, tempDir } from './support.ts';
import { writeProject } from '../support/project.ts';

let keyDir: string;
let project: string;
let trust: TrustOptions;
let keyId: string;
const io = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
};

/** `mpk build <project> --out <dir> [--sign key]` into a fresh directory. */
async function cliBuild(sign: boolean): Promise<string> {
  const out = path.join(await tempDir('mpk-sec-out-'), 'dist');
  const { io: cli, out: printed } = io();
  const code = await runCli(['build', project, '--out', out, ...(sign ? ['--sign', path.join(keyDir, 'release.key')] : [])], cli);
  expect(code, printed.stderr).toBe(0);
  if (sign) expect(printed.stdout).toContain(`signed with key ${keyId} (manifest.sig)`);
  return out;
}

function expectRefused(r: Awaited<ReturnType<typeof run>>, message: string, file = 'manifest.sig'): void {
  expect(r.error).toBeInstanceOf(PackageError);
  expect(r.error!.message).toBe(message);
  expect((r.error as PackageError).file).toBe(file);
  expect(r.container).toBeUndefined();
  expect(appCodeRan(r)).toBe(false);
}

beforeAll(async () => {
  keyDir = await tempDir('mpk-sec-keys-');
  const { io: cli, out } = io();
  expect(await runCli(['keygen', path.join(keyDir, 'release')], cli)).toBe(0);
  keyId = /key id:\s+([0-9a-f]{16})/.exec(out.stdout)![1]!;
  trust = { keys: [{ key: readFileSync(path.join(keyDir, 'release.pub'), 'utf8') }] };
  project = await writeProject(PROBE_APP);
});
afterAll(cleanup);

describe('signed packages', () => {
  it('mpk keygen writes a private key only its owner can read and refuses to overwrite it', async () => {
    expect(readFileSync(path.join(keyDir, 'release.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect((await import('node:fs')).statSync(path.join(keyDir, 'release.key')).mode & 0o077).toBe(0);
    const { io: cli, out } = io();
    expect(await runCli(['keygen', path.join(keyDir, 'release')], cli)).toBe(1);
    expect(out.stderr).toContain('exists; refusing to overwrite it');
  });

  it('runs a package signed with a trusted key', async () => {
    const dist = await cliBuild(true);
    const r = await run({ pkg: dist, trust });
    expect(r.error).toBeUndefined();
    expect(appCodeRan(r)).toBe(true);
    // Keys by id, as JWK: the same.
    const { createPublicKey } = await import('node:crypto');
    const jwk = createPublicKey(readFileSync(path.join(keyDir, 'release.pub'), 'utf8')).export({ format: 'jwk' });
    expect((await run({ pkg: dist, trust: { keys: { [keyId]: jwk as JsonWebKey } } })).error).toBeUndefined();
  });

  it('refuses an unsigned package', async () => {
    expectRefused(await run({ pkg: await cliBuild(false), trust }), 'manifest.sig is missing: this host runs signed packages only (createContainer trust.keys); sign it with mpk build --sign');
  });

  it('refuses a package whose code was edited and its hash recomputed in the manifest', async () => {
    const dist = await cliBuild(true);
    const evil = "console.log('app code ran'); App({ onLaunch() { my.setStorageSync({ key: 'ran', data: 'pwned' }); } });";
    writeFileSync(path.join(dist, 'logic.js'), evil);
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'logic.js');
    entry.size = Buffer.byteLength(evil);
    entry.sha256 = createHash('sha256').update(evil).digest('hex');
    writeFileSync(path.join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2));
    expectRefused(await run({ pkg: dist, trust }), 'manifest.sig: the signature was made for another manifest.json (the manifest was modified after signing); refused');
  });

  it('refuses a signed package with a file edited behind the manifest, before its code runs', async () => {
    const dist = await cliBuild(true);
    const logic = readFileSync(path.join(dist, 'logic.js'), 'utf8');
    expect(logic).toContain('app code ran');
    // Same size, other bytes: only the hash tells.
    writeFileSync(path.join(dist, 'logic.js'), logic.replace('app code ran', 'app code RAN'));
    const r = await run({ pkg: dist, trust });
    expect(r.error).toBeInstanceOf(PackageError);
    expect(r.error!.message).toBe('logic.js: content does not match its sha256 in manifest.json (modified package)');
    expect(r.logs).toEqual([]);
    expect(appCodeRan(r)).toBe(false);
  });

  it('refuses a package signed by a key the host does not know', async () => {
    const dist = await cliBuild(false);
    const stranger = generateSigningKeys();
    const manifest = (await loadPackageFromDir(dist)).manifest;
    writeFileSync(path.join(dist, 'manifest.sig'), signManifest(manifest, stranger.privateKeyPem));
    expectRefused(await run({ pkg: dist, trust }), `manifest.sig: signed with key "${stranger.keyId}", which this host does not trust (trusted: ${keyId})`);
  });

  it('refuses a package signed by another key under the trusted key id', async () => {
    const dist = await cliBuild(false);
    const manifest = (await loadPackageFromDir(dist)).manifest;
    writeFileSync(path.join(dist, 'manifest.sig'), signManifest(manifest, generateSigningKeys().privateKeyPem, keyId));
    expectRefused(await run({ pkg: dist, trust }), `manifest.sig: the signature does not verify with trusted key "${keyId}" (forged, or signed with another key under that id); refused`);
  });

  it('refuses a garbage or copied signature', async () => {
    const signed = await cliBuild(true);
    const other = await writeProject({ ...PROBE_APP, 'pages/index/index.js': "Page({ data: { who: 'someone else' } });\n" });
    const otherDist = path.join(await tempDir(), 'dist');
    expect(await runCli(['build', other, '--out', otherDist], io().io)).toBe(0);
    writeFileSync(path.join(otherDist, 'manifest.sig'), readFileSync(path.join(signed, 'manifest.sig')));
    expectRefused(await run({ pkg: otherDist, trust }), 'manifest.sig: the signature was made for another manifest.json (the manifest was modified after signing); refused');
    writeFileSync(path.join(otherDist, 'manifest.sig'), '{"format":1,"algorithm":"Ed25519","keyId":"x","manifestSha256":"","signature":"AAAA"}');
    expectRefused(await run({ pkg: otherDist, trust }), 'manifest.sig: signature is not a base64 Ed25519 signature (64 bytes)');
  });

  it('checks in-memory sources and hot reloads too', async () => {
    const dist = await cliBuild(true);
    const files = (await loadPackageFromDir(dist)).manifest.files.map((f) => f.path);
    const all: Record<string, string> = { 'manifest.json': readFileSync(path.join(dist, 'manifest.json'), 'utf8') };
    for (const f of files) all[f] = readFileSync(path.join(dist, f), 'utf8');
    expectRefused(await run({ pkg: packageFromFiles(all), trust }), 'manifest.sig is missing: this host runs signed packages only (createContainer trust.keys); sign it with mpk build --sign');
    const r = await run({ pkg: packageFromFiles({ ...all, 'manifest.sig': readFileSync(path.join(dist, 'manifest.sig'), 'utf8') }), trust });
    expect(r.error).toBeUndefined();
    await expect(r.container!.reloadViews(packageFromFiles(all))).rejects.toThrow('manifest.sig is missing');
  });

  it('runs unsigned packages when the host does not ask for signatures, and an unsigned rebuild drops a stale signature', async () => {
    const out = path.join(await tempDir(), 'dist');
    expect(await runCli(['build', project, '--out', out, '--sign', path.join(keyDir, 'release.key')], io().io)).toBe(0);
    expect(existsSync(path.join(out, 'manifest.sig'))).toBe(true);
    expect(await runCli(['build', project, '--out', out], io().io)).toBe(0);
    expect(existsSync(path.join(out, 'manifest.sig'))).toBe(false);
    const r = await run({ pkg: out });
    expect(r.error).toBeUndefined();
    expect(appCodeRan(r)).toBe(true);
  });

  it('mpk build --sign refuses a bad key without writing an unsigned package', async () => {
    const out = path.join(await tempDir(), 'dist');
    const { io: cli, out: printed } = io();
    expect(await runCli(['build', project, '--out', out, '--sign', path.join(keyDir, 'release.pub')], cli)).toBe(2);
    expect(printed.stderr).toContain('signing needs the private key');
    expect(existsSync(path.join(out, 'manifest.json'))).toBe(false);
  });
});
