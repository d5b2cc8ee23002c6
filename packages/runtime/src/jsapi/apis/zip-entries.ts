/**
 * Reading a zip archive a mini-program asks to unpack (FileSystemManager.unzip). The archive is
 * the app's data, so it is hostile until read: every entry name must stay inside the target
 * (no absolute paths, drive letters, `..`, NUL — "zip slip"), and what it inflates to is counted
 * as it inflates, against the caller's budget, never trusting the sizes the archive declares (a
 * zip bomb declares little and inflates to gigabytes). fflate's streaming `Unzip` hands over
 * each entry's data in chunks, so an entry over budget is stopped at the first chunk past it.
 */

import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { concatBytes } from './binary.ts';

export interface ZipBudget {
  /** Bytes one file may inflate to. */
  fileBytes: number;
  /** Bytes all files together may inflate to. */
  totalBytes: number;
  /** Entries (files and directories) the archive may hold. */
  entries: number;
}

export interface ZipEntry {
  /** Path segments under the target directory (validated). */
  segments: string[];
  /** Undefined for a directory entry. */
  data?: Uint8Array;
}

export type ZipErrorKind = 'corrupt' | 'unsafe-name' | 'too-large' | 'too-many' | 'unsupported';

export class ZipError extends Error {
  constructor(
    readonly kind: ZipErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** The segments of an entry name, or a ZipError when the name would leave the target. */
export function entrySegments(name: string): string[] {
  if (name.includes('\0')) throw new ZipError('unsafe-name', `entry ${JSON.stringify(name)} contains NUL`);
  const normalized = name.replace(/\\/g, '/');
  if (normalized.startsWith('/') || /^[a-zA-Z]:/.test(normalized)) throw new ZipError('unsafe-name', `entry ${JSON.stringify(name)} is an absolute path`);
  const segments = normalized.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..')) throw new ZipError('unsafe-name', `entry ${JSON.stringify(name)} climbs out of the target directory`);
  return segments;
}

/** Every entry of `archive`, inflated within `budget` (throws ZipError otherwise). */
export function readZip(archive: Uint8Array, budget: ZipBudget): ZipEntry[] {
  const entries: ZipEntry[] = [];
  let total = 0;
  let unfinished = 0;
  let failure: ZipError | undefined;
  const stop = (error: ZipError) => {
    failure ??= error;
  };
  const unzip = new Unzip();
  unzip.register(UnzipInflate);
  unzip.onfile = (file: UnzipFile) => {
    if (failure) return;
    if (entries.length >= budget.entries) return stop(new ZipError('too-many', `the archive holds more than ${budget.entries} entries`));
    let segments: string[];
    try {
      segments = entrySegments(file.name);
    } catch (error) {
      return stop(error as ZipError);
    }
    const isDirectory = file.name.endsWith('/') || file.name.endsWith('\\');
    if (isDirectory || segments.length === 0) {
      if (segments.length > 0) entries.push({ segments });
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    unfinished++;
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) return stop(new ZipError('corrupt', `entry ${JSON.stringify(file.name)}: ${error.message}`));
      size += chunk.length;
      total += chunk.length;
      if (size > budget.fileBytes) {
        file.terminate();
        return stop(new ZipError('too-large', `entry ${JSON.stringify(file.name)} inflates to more than ${budget.fileBytes} bytes`));
      }
      if (total > budget.totalBytes) {
        file.terminate();
        return stop(new ZipError('too-large', `the archive inflates to more than the ${budget.totalBytes} bytes the app may still store`));
      }
      chunks.push(chunk);
      if (!final) return;
      unfinished--;
      entries.push({ segments, data: chunks.length === 1 ? chunks[0]! : concatBytes(chunks, size) });
    };
    try {
      file.start();
    } catch (error) {
      stop(new ZipError('unsupported', `entry ${JSON.stringify(file.name)}: ${(error as Error).message}`));
    }
  };
  try {
    unzip.push(archive, true);
  } catch (error) {
    stop(new ZipError('corrupt', (error as Error).message));
  }
  if (failure) throw failure;
  if (unfinished > 0) throw new ZipError('corrupt', 'the archive ends inside an entry (truncated)');
  if (entries.length === 0 && !looksLikeZip(archive)) throw new ZipError('corrupt', 'not a zip archive');
  return entries;
}

/** The end-of-central-directory signature `PK\x05\x06`, which even an empty archive has. */
function looksLikeZip(bytes: Uint8Array): boolean {
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return true;
  }
  return false;
}
