/**
 * The Node default storage: an embedded store that survives restarts and crashes.
 *
 * Per app, two files in the storage directory:
 * - `<app>.snap` — a checksummed snapshot of all entries with a generation number, replaced
 *   atomically (temp file, fsync, rename, fsync of the directory);
 * - `<app>.log` — an append-only journal of set/remove/clear records on top of the snapshot of the
 *   same generation, each framed with length + CRC-32 and fsync'd before the write is acknowledged.
 *
 * Opening replays the journal; a torn last record (crash mid-write) is truncated away. Damage
 * anywhere else is never silently dropped: the damaged file is moved aside (`.corrupt-…`), every
 * intact record before and after the damage is recovered, and a fresh snapshot is written.
 * Compaction writes the next generation's snapshot and an empty journal for it; a crash between
 * the two renames leaves a journal of an older generation, which the snapshot already contains.
 *
 * One FileStorage per directory per process; two processes must not share a directory.
 */

import { nodeBuiltin } from '../node-builtins.ts';
import { entryBytes, type StorageBackend } from './types.ts';
import { decodeSnapshot, encodeRecord, encodeSnapshot, readJournal, type JournalRecord } from './journal.ts';

export interface CorruptionEvent {
  appId: string;
  /** The damaged file. */
  file: string;
  /** Where it was moved; nothing in it was deleted. */
  movedTo: string;
  reason: string;
}

export interface FileStorageOptions {
  /** Journal size past which a write compacts (when the journal is also over twice the live data). Default 1 MiB. */
  compactAfterBytes?: number;
  /** Told when a damaged file was found and moved aside. Default: a console warning. */
  onCorruption?(event: CorruptionEvent): void;
}

export interface FileStorage extends StorageBackend {
  readonly dir: string;
  /** Rewrites an app's snapshot and starts an empty journal (also done automatically). */
  compact(appId: string): void;
  close(): void;
}

const fs = () => nodeBuiltin('node:fs');
const path = () => nodeBuiltin('node:path');

/** File name stem for an app: readable, and unique even when two ids sanitise alike (also the file store's directory names). */
export function fileStem(appId: string): string {
  const readable = appId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48) || 'app';
  const hash = nodeBuiltin('node:crypto').createHash('sha256').update(appId).digest('hex').slice(0, 12);
  return `${readable}-${hash}`;
}

/** Makes a rename or a new entry in `dir` durable. */
export function fsyncDir(dir: string): void {
  const fd = fs().openSync(dir, 'r');
  try {
    fs().fsyncSync(fd);
  } finally {
    fs().closeSync(fd);
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let written = 0;
  while (written < data.length) written += fs().writeSync(fd, data, written, data.length - written);
}

class AppStore {
  readonly entries = new Map<string, string>();
  bytes = 0;
  private gen = 0;
  private fd = -1;
  private logBytes = 0;
  private broken: Error | undefined;
  private readonly snapPath: string;
  private readonly logPath: string;

  constructor(
    private readonly dir: string,
    private readonly appId: string,
    private readonly options: Required<FileStorageOptions>,
  ) {
    const stem = fileStem(appId);
    this.snapPath = path().join(dir, `${stem}.snap`);
    this.logPath = path().join(dir, `${stem}.log`);
    this.open(stem);
  }

  private open(stem: string): void {
    // Temp files belong to a compaction that never committed: their content is elsewhere.
    for (const name of fs().readdirSync(this.dir)) {
      if (name.startsWith(`${stem}.`) && name.includes('.tmp-')) fs().rmSync(path().join(this.dir, name), { force: true });
    }

    let snapshotGen = 0;
    let needsCompaction = false;
    if (fs().existsSync(this.snapPath)) {
      try {
        const snapshot = decodeSnapshot(fs().readFileSync(this.snapPath));
        snapshotGen = snapshot.gen;
        for (const [key, value] of snapshot.entries) this.apply({ op: 'set', k: key, v: value });
      } catch (error) {
        this.moveAside(this.snapPath, `snapshot unreadable: ${(error as Error).message}`);
        needsCompaction = true;
      }
    }
    this.gen = snapshotGen;

    if (fs().existsSync(this.logPath)) {
      const journal = readJournal(fs().readFileSync(this.logPath));
      const stale = journal.gen !== undefined && journal.gen < snapshotGen;
      if (!stale) {
        // A journal without a readable header still holds the user's writes: replay them (best effort).
        for (const record of journal.records) this.apply(record);
        if (journal.gen !== undefined) this.gen = Math.max(this.gen, journal.gen);
      }
      if (journal.corrupt) {
        const where = journal.corrupt.map((c) => `bytes ${c.at}–${c.resumedAt}`).join(', ');
        this.moveAside(this.logPath, `journal damaged at ${where}; intact records before and after were recovered`);
        needsCompaction = true;
      } else if (stale || journal.gen === undefined || journal.gen !== this.gen) {
        needsCompaction = true;
      } else {
        if (journal.tornAt !== undefined) this.truncate(journal.tornAt);
        this.fd = fs().openSync(this.logPath, 'a');
        this.logBytes = fs().fstatSync(this.fd).size;
      }
    } else {
      needsCompaction = true;
    }
    if (needsCompaction) this.compact();
  }

  /** Drops a torn last record: it was never acknowledged. */
  private truncate(length: number): void {
    const fd = fs().openSync(this.logPath, 'r+');
    try {
      fs().ftruncateSync(fd, length);
      fs().fsyncSync(fd);
    } finally {
      fs().closeSync(fd);
    }
  }

  private moveAside(file: string, reason: string): void {
    const movedTo = `${file}.corrupt-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    fs().renameSync(file, movedTo);
    fsyncDir(this.dir);
    this.options.onCorruption({ appId: this.appId, file, movedTo, reason });
  }

  private apply(record: JournalRecord): void {
    switch (record.op) {
      case 'set': {
        const old = this.entries.get(record.k);
        if (old !== undefined) this.bytes -= entryBytes(record.k, old);
        this.entries.set(record.k, record.v);
        this.bytes += entryBytes(record.k, record.v);
        break;
      }
      case 'del': {
        const old = this.entries.get(record.k);
        if (old === undefined) return;
        this.entries.delete(record.k);
        this.bytes -= entryBytes(record.k, old);
        break;
      }
      case 'clr':
        this.entries.clear();
        this.bytes = 0;
        break;
      case 'hdr':
        break;
    }
  }

  /** Appends one record and makes it durable; the in-memory state changes only after that. */
  write(record: JournalRecord): void {
    if (this.broken) throw new Error(`storage for "${this.appId}" is unavailable: ${this.broken.message}`);
    if (this.fd < 0) throw new Error('storage is closed');
    const frame = encodeRecord(record);
    try {
      writeAll(this.fd, frame);
      fs().fdatasyncSync(this.fd);
    } catch (error) {
      // Leave no partial frame behind: later records must not follow garbage.
      try {
        fs().ftruncateSync(this.fd, this.logBytes);
      } catch {
        /* the next open treats it as a torn tail */
      }
      throw error;
    }
    this.logBytes += frame.length;
    this.apply(record);
    if (this.logBytes > this.options.compactAfterBytes && this.logBytes > 2 * (this.bytes + 64 * this.entries.size)) {
      try {
        this.compact();
      } catch {
        // The journal is intact and stays in use; compaction is retried on a later write.
      }
    }
  }

  /**
   * Writes generation gen+1: its snapshot and an empty journal, both as temp files first. The
   * snapshot's rename is the commit point; a crash before the journal's rename leaves a journal
   * of the old generation, which is then recognised as stale.
   */
  compact(): void {
    const gen = this.gen + 1;
    const snapshot = encodeSnapshot({ gen, entries: [...this.entries] });
    const header = encodeRecord({ op: 'hdr', gen, v: 1 });
    const suffix = `.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
    const snapTemp = this.snapPath + suffix;
    const logTemp = this.logPath + suffix;
    try {
      for (const [file, data] of [
        [snapTemp, snapshot],
        [logTemp, header],
      ] as const) {
        const fd = fs().openSync(file, 'w');
        try {
          writeAll(fd, data);
          fs().fsyncSync(fd);
        } finally {
          fs().closeSync(fd);
        }
      }
    } catch (error) {
      fs().rmSync(snapTemp, { force: true });
      fs().rmSync(logTemp, { force: true });
      throw error;
    }
    try {
      fs().renameSync(snapTemp, this.snapPath);
      fsyncDir(this.dir);
      fs().renameSync(logTemp, this.logPath);
      fsyncDir(this.dir);
    } catch (error) {
      // Past the commit point the old journal must not take more writes (they would be judged stale).
      this.broken = error as Error;
      throw error;
    }
    if (this.fd >= 0) fs().closeSync(this.fd);
    this.gen = gen;
    this.fd = fs().openSync(this.logPath, 'a');
    this.logBytes = header.length;
  }

  close(): void {
    if (this.fd >= 0) fs().closeSync(this.fd);
    this.fd = -1;
  }
}

export function createFileStorage(dir: string, options: FileStorageOptions = {}): FileStorage {
  const resolved = path().resolve(dir);
  fs().mkdirSync(resolved, { recursive: true });
  const settings: Required<FileStorageOptions> = {
    compactAfterBytes: options.compactAfterBytes ?? 1024 * 1024,
    onCorruption:
      options.onCorruption ??
      ((event) => console.warn(`[mpk storage] ${event.reason} (app "${event.appId}"): kept as ${event.movedTo}`)),
  };
  const apps = new Map<string, AppStore>();
  let closed = false;
  const app = (appId: string): AppStore => {
    if (closed) throw new Error('storage is closed');
    let store = apps.get(appId);
    if (!store) apps.set(appId, (store = new AppStore(resolved, appId, settings)));
    return store;
  };
  return {
    dir: resolved,
    get: (appId, key) => app(appId).entries.get(key),
    set: (appId, key, value) => app(appId).write({ op: 'set', k: key, v: value }),
    remove(appId, key) {
      const store = app(appId);
      if (store.entries.has(key)) store.write({ op: 'del', k: key });
    },
    clear(appId) {
      const store = app(appId);
      if (store.entries.size > 0) store.write({ op: 'clr' });
    },
    keys: (appId) => [...app(appId).entries.keys()],
    bytes: (appId) => app(appId).bytes,
    compact: (appId) => app(appId).compact(),
    close() {
      for (const store of apps.values()) store.close();
      apps.clear();
      closed = true;
    },
  };
}
