/** In-memory and URL packages: the same rules as a directory where they apply. */
import { describe, expect, it } from 'vitest';
import { loadPackageFromUrl, packageFromFiles } from '../../src/package/memory-source.ts';
import { PackageError } from '../../src/package/verify.ts';
import { BASE_FILES, manifestFor } from './support.ts';

async function refusal(promise: Promise<unknown> | (() => unknown)): Promise<PackageError> {
  let error: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(PackageError);
  return error as PackageError;
}

describe('packageFromFiles', () => {
  const manifest = JSON.stringify(manifestFor(BASE_FILES));

  it('reads listed files only, by own keys (no prototype lookups)', async () => {
    const source = packageFromFiles({ 'manifest.json': manifest, ...BASE_FILES, 'extra.txt': 'x' });
    expect(await source.readText('logic.js')).toBe(BASE_FILES['logic.js']);
    expect((await refusal(source.readText('extra.txt'))).message).toBe('extra.txt is not listed in manifest.json; refused');
    expect((await refusal(source.readText('__proto__'))).message).toBe('__proto__ is not listed in manifest.json; refused');
    const withProto = manifestFor(BASE_FILES, (m) => m.files.push({ path: 'constructor', size: 1, sha256: 'a'.repeat(64) }));
    const proto = packageFromFiles({ 'manifest.json': JSON.stringify(withProto), ...BASE_FILES });
    expect((await refusal(proto.readText('constructor'))).message).toBe('constructor is missing from the package');
  });

  it('refuses content longer than the manifest lists before encoding or hashing it', async () => {
    const source = packageFromFiles({ 'manifest.json': manifest, ...BASE_FILES, 'style.css': 'x'.repeat(1_000_000) });
    expect((await refusal(source.readText('style.css'))).message).toBe('style.css: 1000000 characters, manifest.json says 5 bytes (corrupt or modified package)');
    const bytes = packageFromFiles({ 'manifest.json': manifest, ...BASE_FILES, 'view.js': new Uint8Array(3) });
    expect((await refusal(bytes.readBytes!('view.js'))).message).toBe('view.js: 3 bytes, manifest.json says 11 bytes (corrupt or modified package)');
  });

  it('validates the manifest paths and carries manifest.sig', async () => {
    const bad = manifestFor(BASE_FILES, (m) => m.files.push({ path: '../../x', size: 1, sha256: 'a'.repeat(64) }));
    expect((await refusal(() => packageFromFiles({ 'manifest.json': JSON.stringify(bad) }))).message).toContain('"../../x" has a "." or ".." segment');
    expect((await refusal(() => packageFromFiles({ 'manifest.json': '{' }))).message).toMatch(/^manifest\.json is not valid JSON/);
    expect(packageFromFiles({ 'manifest.json': manifest, 'manifest.sig': 'SIG', ...BASE_FILES }).signature).toBe('SIG');
  });
});

describe('loadPackageFromUrl', () => {
  /** A fake server: path → body (or a Response factory); records what was requested and how much was read. */
  function server(routes: Record<string, string | (() => Response)>) {
    const requested: string[] = [];
    let pulled = 0;
    const fetchImpl = (async (input: string | URL) => {
      const url = new URL(String(input));
      requested.push(url.pathname + url.search + url.hash);
      const route = routes[url.pathname];
      if (route === undefined) return new Response('missing', { status: 404 });
      if (typeof route === 'function') return route();
      return new Response(route, { headers: { 'content-length': String(Buffer.byteLength(route)) } });
    }) as typeof fetch;
    const endless = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled++;
            controller.enqueue(new Uint8Array(64 * 1024));
          },
        }),
      );
    return { fetchImpl, requested, endless, pulled: () => pulled };
  }

  it('fetches each listed file under the base, percent-encoding every segment', async () => {
    const files = { ...BASE_FILES, 'assets/%2e%2e/a?b#c.png': 'png' };
    const s = server({ '/pkg/manifest.json': JSON.stringify(manifestFor(files)), '/pkg/logic.js': BASE_FILES['logic.js']!, '/pkg/assets/%252e%252e/a%3Fb%23c.png': 'png' });
    const source = await loadPackageFromUrl('https://cdn.example/pkg', s.fetchImpl);
    expect(await source.readText('logic.js')).toBe(BASE_FILES['logic.js']);
    expect(await source.readText('assets/%2e%2e/a?b#c.png')).toBe('png');
    // manifest.sig only when asked for (a host with trust).
    expect(s.requested).toEqual(['/pkg/manifest.json', '/pkg/logic.js', '/pkg/assets/%252e%252e/a%3Fb%23c.png']);
    expect(await source.readSignature!()).toBeUndefined();
    expect(s.requested.at(-1)).toBe('/pkg/manifest.sig');
  });

  it('refuses a body that announces or streams more than the manifest lists, without reading it all', async () => {
    const s = server({
      '/manifest.json': JSON.stringify(manifestFor(BASE_FILES)),
      '/logic.js': () => new Response('x', { headers: { 'content-length': String(2 ** 40) } }),
      '/view.js': () => s.endless(),
    });
    const source = await loadPackageFromUrl('https://cdn.example/', s.fetchImpl);
    expect((await refusal(source.readText('logic.js'))).message).toBe('logic.js: the server announces 1099511627776 bytes, manifest.json says 102 (corrupt or modified package); refused before reading');
    expect((await refusal(source.readText('view.js'))).message).toBe('view.js: more than the 11 bytes manifest.json lists; refused');
    expect(s.pulled()).toBeLessThan(4);
  });

  it('refuses an endless manifest.json at its cap', async () => {
    const s = server({});
    const endless = server({ '/manifest.json': () => s.endless() });
    const error = await refusal(loadPackageFromUrl('https://cdn.example/', endless.fetchImpl, { limits: { maxManifestBytes: 256 * 1024 } }));
    expect(error.message).toBe('manifest.json: more than 256 KiB; refused');
  });
});

describe('loadPackageFromUrl signatures', () => {
  it('fetches manifest.sig once, on demand, within its cap', async () => {
    const requested: string[] = [];
    const fetchImpl = (async (input: string | URL) => {
      const url = new URL(String(input));
      requested.push(url.pathname);
      if (url.pathname === '/manifest.json') return new Response(JSON.stringify(manifestFor(BASE_FILES)));
      if (url.pathname === '/manifest.sig') return new Response('{"format":1}');
      return new Response('', { status: 404 });
    }) as typeof fetch;
    const source = await loadPackageFromUrl('https://cdn.example/', fetchImpl);
    expect(await source.readSignature!()).toBe('{"format":1}');
    expect(await source.readSignature!()).toBe('{"format":1}');
    expect(requested).toEqual(['/manifest.json', '/manifest.sig']);
  });
});
