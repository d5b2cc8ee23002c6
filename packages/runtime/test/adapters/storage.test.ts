import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStorage, createLocalStorage, createMemoryStorage, entryBytes, type CorruptionEvent, type StorageBackend, type WebStorageLike } from '../../src/adapters/storage/index.ts';
import { encodeRecord } from '../../src/adapters/storage/journal.ts';
import { CRASH_APP, crashOp } from './fixtures/crash-ops.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpk-storage-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function fakeWebStorage(): WebStorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** The same behaviour is expected of every backend. */
const backends: [string, () => StorageBackend][] = [
  ['memory', () => createMemoryStorage()],
  ['localStorage', () => createLocalStorage(fakeWebStorage())],
  ['file', () => createFileStorage(tempDir())],
];

describe.each(backends)('%s storage backend', (_name, make) => {
  it('stores, overwrites, removes and clears per app', () => {
    const storage = make();
    storage.set('a', 'k1', '"one"');
    storage.set('a', 'k2', '{"n":2}');
    storage.set('a', 'k1', '"uno"');
    expect(storage.get('a', 'k1')).toBe('"uno"');
    expect(storage.keys('a').sort()).toEqual(['k1', 'k2']);
    expect(storage.bytes('a')).toBe(entryBytes('k1', '"uno"') + entryBytes('k2', '{"n":2}'));
    storage.remove('a', 'k1');
    expect(storage.get('a', 'k1')).toBeUndefined();
    expect(storage.keys('a')).toEqual(['k2']);
    storage.clear('a');
    expect(storage.keys('a')).toEqual([]);
    expect(storage.bytes('a')).toBe(0);
    storage.close?.();
  });

  it("keeps one app's data invisible to another", () => {
    const storage = make();
    storage.set('app-1', 'token', '"secret"');
    storage.set('app:2', 'other', '1');
    expect(storage.get('app-2', 'token')).toBeUndefined();
    expect(storage.keys('app:2')).toEqual(['other']);
    storage.clear('app:2');
    expect(storage.get('app-1', 'token')).toBe('"secret"');
    storage.close?.();
  });

  it('counts bytes as UTF-8', () => {
    const storage = make();
    storage.set('a', '键', '"值😀"');
    expect(storage.bytes('a')).toBe(3 + 1 + 3 + 4 + 1);
    storage.close?.();
  });
});

describe('file storage', () => {
  it('survives a restart', () => {
    const dir = tempDir();
    const first = createFileStorage(dir);
    first.set('app', 'city', '{"name":"杭州"}');
    first.set('app', 'gone', '1');
    first.remove('app', 'gone');
    first.set('other', 'x', '2');
    first.close();
    const second = createFileStorage(dir);
    expect(second.get('app', 'city')).toBe('{"name":"杭州"}');
    expect(second.get('app', 'gone')).toBeUndefined();
    expect(second.keys('other')).toEqual(['x']);
    second.close();
  });

  it('compacts the journal into a snapshot without losing anything', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir, { compactAfterBytes: 4096 });
    for (let i = 0; i < 500; i++) storage.set('app', `k${i % 10}`, JSON.stringify({ i, pad: 'p'.repeat(100) }));
    const log = readdirSync(dir).find((f) => f.endsWith('.log'))!;
    // 500 writes of ~130 bytes would be 65 KB uncompacted.
    expect(statSync(join(dir, log)).size).toBeLessThan(8192);
    storage.close();
    const reopened = createFileStorage(dir);
    for (let k = 0; k < 10; k++) expect(JSON.parse(reopened.get('app', `k${k}`)!).i).toBe(490 + k);
    reopened.close();
  });

  it('drops a torn last record and keeps everything before it', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir);
    storage.set('app', 'a', '1');
    storage.set('app', 'b', '2');
    storage.close();
    const log = join(dir, readdirSync(dir).find((f) => f.endsWith('.log'))!);
    const intactSize = statSync(log).size;
    const torn = encodeRecord({ op: 'set', k: 'c', v: '3' }).subarray(0, 11);
    appendFileSync(log, torn);
    const events: CorruptionEvent[] = [];
    const reopened = createFileStorage(dir, { onCorruption: (e) => events.push(e) });
    expect(reopened.keys('app').sort()).toEqual(['a', 'b']);
    expect(events).toEqual([]);
    expect(statSync(log).size).toBe(intactSize);
    // Appends after the truncation are readable again.
    reopened.set('app', 'c', '3');
    reopened.close();
    expect(createFileStorage(dir).get('app', 'c')).toBe('3');
  });

  it('moves a journal damaged in the middle aside and recovers the records around the damage', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir);
    storage.set('app', 'before', '"b"');
    storage.set('app', 'victim', '"v"');
    storage.set('app', 'after', '"a"');
    storage.close();
    const logName = readdirSync(dir).find((f) => f.endsWith('.log'))!;
    const log = join(dir, logName);
    const bytes = readFileSync(log);
    const victimAt = bytes.indexOf('victim');
    bytes[victimAt] = 'X'.charCodeAt(0); // flips the checksum of one record in the middle
    writeFileSync(log, bytes);
    const events: CorruptionEvent[] = [];
    const reopened = createFileStorage(dir, { onCorruption: (e) => events.push(e) });
    expect(reopened.get('app', 'before')).toBe('"b"');
    expect(reopened.get('app', 'after')).toBe('"a"');
    expect(events).toHaveLength(1);
    expect(events[0]!.reason).toMatch(/journal damaged/);
    // The damaged file is kept, byte for byte, for recovery.
    expect(readFileSync(events[0]!.movedTo)).toEqual(bytes);
    reopened.set('app', 'later', '1');
    reopened.close();
    const third = createFileStorage(dir);
    expect(third.keys('app').sort()).toEqual(['after', 'before', 'later']);
    third.close();
  });

  it('moves a damaged snapshot aside instead of deleting it', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir);
    storage.set('app', 'a', '1');
    storage.compact('app');
    storage.set('app', 'b', '2');
    storage.close();
    const snap = join(dir, readdirSync(dir).find((f) => f.endsWith('.snap'))!);
    const bytes = readFileSync(snap);
    bytes[bytes.length - 3] ^= 0xff;
    writeFileSync(snap, bytes);
    const events: CorruptionEvent[] = [];
    const reopened = createFileStorage(dir, { onCorruption: (e) => events.push(e) });
    // The journal's records still apply (an app's files are opened on first use).
    expect(reopened.get('app', 'b')).toBe('2');
    expect(events.map((e) => e.reason)).toEqual([expect.stringMatching(/snapshot unreadable/)]);
    expect(readFileSync(events[0]!.movedTo)).toEqual(bytes);
    reopened.close();
  });

  it('ignores a journal left over from a compaction that crashed after its commit point', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir);
    storage.set('app', 'a', '1');
    storage.set('app', 'b', '2');
    storage.close();
    const logName = readdirSync(dir).find((f) => f.endsWith('.log'))!;
    const oldLog = readFileSync(join(dir, logName));
    const again = createFileStorage(dir);
    again.remove('app', 'a');
    again.compact('app'); // snapshot of the next generation: { b }
    again.close();
    // Simulate the crash between the snapshot's rename and the journal's: the old journal is back.
    writeFileSync(join(dir, logName), oldLog);
    const reopened = createFileStorage(dir);
    expect(reopened.keys('app')).toEqual(['b']);
    reopened.close();
  });

  it('removes temp files of compactions that never committed', () => {
    const dir = tempDir();
    const storage = createFileStorage(dir);
    storage.set('app', 'a', '1');
    storage.close();
    const stem = readdirSync(dir).find((f) => f.endsWith('.log'))!.replace(/\.log$/, '');
    writeFileSync(join(dir, `${stem}.snap.tmp-1-abc`), 'half a snapshot');
    const reopened = createFileStorage(dir);
    expect(reopened.get('app', 'a')).toBe('1');
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    reopened.close();
  });
});

describe('file storage crash safety', () => {
  let childScript: string;
  beforeAll(async () => {
    childScript = join(tempDir(), 'crash-writer.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'fixtures/crash-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: childScript,
      logLevel: 'silent',
    });
  });

  /** Runs the writer until it has acknowledged `acks` writes, SIGKILLs it `delayMs` later, and returns the last acked index. */
  function runAndKill(dir: string, run: number, acks: number, delayMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [childScript, dir, String(run)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      let stderr = '';
      let killed = false;
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (!killed && output.split('\n').length - 1 >= acks) {
          killed = true;
          // A little later, so that the kill lands anywhere in a write or a compaction.
          setTimeout(() => child.kill('SIGKILL'), delayMs);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own: ${stderr}`));
        const lines = output.split('\n').filter(Boolean);
        resolve(lines.length === 0 ? -1 : Number(lines[lines.length - 1]));
      });
    });
  }

  it('keeps every acknowledged write through 30 SIGKILLs at random moments', async () => {
    const dir = tempDir();
    let seed = Date.now() % 2147483647;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const initialSeed = seed;
    let model = new Map<string, string>();
    for (let run = 0; run < 30; run++) {
      const lastAcked = await runAndKill(dir, run, 1 + Math.floor(random() * 120), Math.floor(random() * 4));
      // Everything up to lastAcked happened; the next op may or may not have reached the disk.
      for (let i = 0; i <= lastAcked; i++) {
        const op = crashOp(run, i);
        if (op.kind === 'set') model.set(op.key, op.value);
        else model.delete(op.key);
      }
      const withInflight = new Map(model);
      const inflight = crashOp(run, lastAcked + 1);
      if (inflight.kind === 'set') withInflight.set(inflight.key, inflight.value);
      else withInflight.delete(inflight.key);

      const events: CorruptionEvent[] = [];
      const storage = createFileStorage(dir, { onCorruption: (e) => events.push(e) });
      const actual = new Map(storage.keys(CRASH_APP).map((k) => [k, storage.get(CRASH_APP, k)!]));
      storage.close();
      const context = `run ${run}, seed ${initialSeed}, last ack ${lastAcked}`;
      expect(events, context).toEqual([]);
      const matches = (expected: Map<string, string>) =>
        expected.size === actual.size && [...expected].every(([k, v]) => actual.get(k) === v);
      expect(matches(model) || matches(withInflight), context).toBe(true);
      model = actual;
    }
  });
});
