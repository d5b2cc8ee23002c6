/**
 * The on-disk record format of the file storage journal, and a reader that tells a torn tail
 * (the last write was cut short by a crash: safe to drop) from corruption in the middle of the
 * file (something else damaged it: the file must be kept for recovery).
 *
 * Frame: [u32 LE payload length][u32 LE CRC-32 of payload][payload: UTF-8 JSON record].
 */

import { nodeBuiltin } from '../node-builtins.ts';

export type JournalRecord =
  | { op: 'hdr'; gen: number; v: 1 }
  | { op: 'set'; k: string; v: string }
  | { op: 'del'; k: string }
  | { op: 'clr' };

export const FRAME_HEADER_BYTES = 8;
/** Larger than any legal record (a key's value is at most 200 KB of JSON, escaped at most 6×). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;
/** Every payload starts with these bytes: a cheap filter before computing a CRC while resyncing. */
const PAYLOAD_PREFIX_TEXT = '{"op":"';

export function crc32(data: Uint8Array): number {
  return nodeBuiltin('node:zlib').crc32(data) >>> 0;
}

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

function isRecord(value: unknown): value is JournalRecord {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  switch (r.op) {
    case 'hdr':
      return typeof r.gen === 'number' && Number.isInteger(r.gen) && r.gen >= 0;
    case 'set':
      return typeof r.k === 'string' && typeof r.v === 'string';
    case 'del':
      return typeof r.k === 'string';
    case 'clr':
      return true;
    default:
      return false;
  }
}

/** The frame at `offset`, or why there is none: `short` (runs past the end), `bad` (damaged). */
function readFrame(buf: Buffer, offset: number): { record: JournalRecord; next: number } | 'short' | 'bad' {
  if (buf.length - offset < FRAME_HEADER_BYTES) return 'short';
  const length = buf.readUInt32LE(offset);
  if (length > MAX_RECORD_BYTES) return 'bad';
  const end = offset + FRAME_HEADER_BYTES + length;
  if (end > buf.length) return 'short';
  const payload = buf.subarray(offset + FRAME_HEADER_BYTES, end);
  if (crc32(payload) !== buf.readUInt32LE(offset + 4)) return 'bad';
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return 'bad';
  }
  return isRecord(parsed) ? { record: parsed, next: end } : 'bad';
}

/** The next offset after `from` where an intact frame starts, if any. */
function resync(buf: Buffer, from: number): number | undefined {
  const PAYLOAD_PREFIX = Buffer.from(PAYLOAD_PREFIX_TEXT);
  for (let p = from; p + FRAME_HEADER_BYTES + PAYLOAD_PREFIX.length <= buf.length; p++) {
    const length = buf.readUInt32LE(p);
    if (length < PAYLOAD_PREFIX.length || p + FRAME_HEADER_BYTES + length > buf.length) continue;
    if (buf.compare(PAYLOAD_PREFIX, 0, PAYLOAD_PREFIX.length, p + FRAME_HEADER_BYTES, p + FRAME_HEADER_BYTES + PAYLOAD_PREFIX.length) !== 0) continue;
    if (typeof readFrame(buf, p) === 'object') return p;
  }
  return undefined;
}

export interface JournalContents {
  /** Generation from the header record; undefined when the file has no intact header. */
  gen: number | undefined;
  records: JournalRecord[];
  /** Byte offset where a torn last write begins (everything before it is intact). */
  tornAt?: number;
  /** Damage before the end: intact frames were found after it. The file must be kept aside. */
  corrupt?: { at: number; resumedAt: number }[];
}

export function readJournal(buf: Buffer): JournalContents {
  const records: JournalRecord[] = [];
  const corrupt: { at: number; resumedAt: number }[] = [];
  let gen: number | undefined;
  let tornAt: number | undefined;
  let offset = 0;
  while (offset < buf.length) {
    const frame = readFrame(buf, offset);
    if (typeof frame === 'object') {
      if (frame.record.op === 'hdr') {
        if (offset === 0) gen = frame.record.gen;
      } else records.push(frame.record);
      offset = frame.next;
      continue;
    }
    const resumedAt = resync(buf, offset + 1);
    if (resumedAt === undefined) {
      tornAt = offset;
      break;
    }
    corrupt.push({ at: offset, resumedAt });
    offset = resumedAt;
  }
  return { gen, records, tornAt, corrupt: corrupt.length > 0 ? corrupt : undefined };
}

// ---------------------------------------------------------------- snapshots

const SNAPSHOT_MAGIC_TEXT = 'MPKSNAP1\n';

export interface Snapshot {
  gen: number;
  entries: [string, string][];
}

export function encodeSnapshot(snapshot: Snapshot): Buffer {
  const SNAPSHOT_MAGIC = Buffer.from(SNAPSHOT_MAGIC_TEXT);
  const body = Buffer.from(JSON.stringify(snapshot), 'utf8');
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32LE(crc32(body), 0);
  return Buffer.concat([SNAPSHOT_MAGIC, header, body]);
}

/** Throws when the snapshot is damaged (the caller moves it aside). */
export function decodeSnapshot(buf: Buffer): Snapshot {
  const SNAPSHOT_MAGIC = Buffer.from(SNAPSHOT_MAGIC_TEXT);
  const start = SNAPSHOT_MAGIC.length + 4;
  if (buf.length < start || buf.compare(SNAPSHOT_MAGIC, 0, SNAPSHOT_MAGIC.length, 0, SNAPSHOT_MAGIC.length) !== 0) {
    throw new Error('not a storage snapshot (bad magic)');
  }
  const body = buf.subarray(start);
  if (crc32(body) !== buf.readUInt32LE(SNAPSHOT_MAGIC.length)) throw new Error('snapshot checksum mismatch');
  const parsed = JSON.parse(body.toString('utf8')) as Snapshot;
  if (!Number.isInteger(parsed?.gen) || !Array.isArray(parsed.entries)) throw new Error('snapshot has an unexpected shape');
  for (const entry of parsed.entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') throw new Error('snapshot has a malformed entry');
  }
  return parsed;
}
