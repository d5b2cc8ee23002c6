/**
 * The checkout's built base library (`.mpk-cache/baselib.json`, written at install): served as is
 * while its inputs are unchanged, rebuilt and rewritten once when the recorded hash does not match
 * them (an edited `src/guest/` file), never served stale. Runs against a temporary record; no
 * source file is edited.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getBaseLibrarySource, loadWorkspaceBaseLibrary } from '../../src/sandbox/baselib-source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpk-baselib-test-'));
const file = pathToFileURL(path.join(dir, 'baselib.json'));
const read = (): { hash: string; inputs: string[]; code: string } => JSON.parse(fs.readFileSync(file, 'utf8'));
const write = (record: { hash: string; inputs: string[]; code: string }): void => fs.writeFileSync(file, JSON.stringify(record));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the workspace base library record', () => {
  it('is built when missing, then served without a build while its inputs are unchanged', async () => {
    const first = await loadWorkspaceBaseLibrary(file);
    expect(first.built).toBe(true);
    expect(first.code).toBe(await getBaseLibrarySource());
    const second = await loadWorkspaceBaseLibrary(file);
    expect(second).toEqual({ code: first.code, built: false });
  });

  it('records every base library source, so an edit anywhere in src/guest/ makes it stale', () => {
    const guest = fs.readdirSync(new URL('../../src/guest/', import.meta.url)).filter((name) => name.endsWith('.ts'));
    expect(guest.length).toBeGreaterThan(10);
    expect(read().inputs).toEqual(expect.arrayContaining(guest.map((name) => `../guest/${name}`)));
  });

  it('a fresh hash is trusted: the recorded code is served and nothing is rebuilt', async () => {
    const record = read();
    write({ ...record, code: '/* recorded */' });
    expect(await loadWorkspaceBaseLibrary(file)).toEqual({ code: '/* recorded */', built: false });
  });

  it('a stale hash triggers one rebuild that rewrites the record; the stale code is never served', async () => {
    const record = read();
    const real = await getBaseLibrarySource();
    write({ ...record, hash: '0'.repeat(64), code: '/* stale */' });
    const rebuilt = await loadWorkspaceBaseLibrary(file);
    expect(rebuilt).toEqual({ code: real, built: true });
    expect(read().hash).toBe(record.hash);
    expect(await loadWorkspaceBaseLibrary(file)).toEqual({ code: real, built: false });
  });

  it('an input that no longer exists makes the record stale', async () => {
    const record = read();
    write({ ...record, inputs: [...record.inputs, '../guest/removed-since.ts'], code: '/* stale */' });
    expect(await loadWorkspaceBaseLibrary(file)).toEqual({ code: await getBaseLibrarySource(), built: true });
  });
});
