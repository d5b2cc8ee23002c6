/**
 * The emulator's file storage: `uploadFile({ cloudPath })` stores the bytes at
 * `<dataDir>/<env>/storage/<cloudPath>` and answers the fileID `cloud://<env>/<cloudPath>`. A
 * cloudPath (and the path inside a fileID) is a relative path of plain segments — no `..`, `.`,
 * empty segment, backslash, NUL or leading `/` — and the resolved file must still be inside the
 * env's storage directory after symlinks, so nothing outside the data dir is read or written.
 */
import { mkdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { checkName, cloudError, FAILED, INVALID } from './errors.ts';

export interface StorageOptions {
  /** Largest file an upload may store (default 50 MiB). */
  maxFileBytes?: number;
  /** The URL getTempFileURL answers for a stored file (default `https://cloud.mpk.invalid/<env>/<cloudPath>`). */
  fileURL?: (env: string, cloudPath: string) => string;
}

const MAX_PATH = 1024;

/** A cloudPath as the guest gave it → its checked segments. */
export function checkCloudPath(cloudPath: unknown): string[] {
  const refuse = (why: string) => cloudError(INVALID, `cloudPath ${JSON.stringify(cloudPath)} is refused: ${why}`);
  if (typeof cloudPath !== 'string' || cloudPath === '') throw refuse('it must be a non-empty string');
  if (cloudPath.length > MAX_PATH) throw refuse(`longer than ${MAX_PATH} characters`);
  if (/[\\\u0000-\u001f]/.test(cloudPath)) throw refuse('backslashes and control characters are not allowed');
  if (cloudPath.startsWith('/')) throw refuse('it must be relative');
  const segments = cloudPath.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw refuse('empty, "." and ".." segments are not allowed');
  return segments;
}

export class CloudStorage {
  private readonly maxFileBytes: number;
  private readonly fileURL: (env: string, cloudPath: string) => string;

  constructor(
    private readonly dataDir: string,
    options: StorageOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? 50 * 1024 * 1024;
    this.fileURL = options.fileURL ?? ((env, cloudPath) => `https://cloud.mpk.invalid/${encodeURIComponent(env)}/${cloudPath.split('/').map(encodeURIComponent).join('/')}`);
  }

  /** `cloud://<env>/<path>` → env and path, both checked. */
  parseFileID(fileID: unknown): { env: string; cloudPath: string } {
    const match = typeof fileID === 'string' ? /^cloud:\/\/([^/]+)\/(.+)$/.exec(fileID) : null;
    if (!match) throw cloudError(INVALID, `invalid fileID ${JSON.stringify(fileID)} (cloud://<env>/<path>)`);
    checkCloudPath(match[2]);
    return { env: checkName('env', match[1]), cloudPath: match[2]! };
  }

  /** The file's place on disk, made sure to be inside the env's storage directory. */
  private async locate(env: string, cloudPath: string, create: boolean): Promise<string> {
    const root = path.join(this.dataDir, checkName('env', env), 'storage');
    const target = path.join(root, ...checkCloudPath(cloudPath));
    const inside = path.relative(root, target);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) throw cloudError(INVALID, `cloudPath ${JSON.stringify(cloudPath)} leads outside the storage`);
    if (create) await mkdir(path.dirname(target), { recursive: true });
    // A symlink planted in the data dir must not lead out of it.
    try {
      const [realRoot, realParent] = await Promise.all([realpath(root), realpath(path.dirname(target))]);
      if (realParent !== realRoot && !realParent.startsWith(realRoot + path.sep)) throw cloudError(INVALID, `cloudPath ${JSON.stringify(cloudPath)} leads outside the storage`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return target;
      throw error;
    }
    return target;
  }

  async upload(env: string, cloudPath: string, data: Uint8Array): Promise<{ fileID: string }> {
    if (data.byteLength > this.maxFileBytes) throw cloudError(INVALID, `uploadFile: ${data.byteLength} bytes is over the emulator's limit of ${this.maxFileBytes} (maxFileBytes)`);
    const target = await this.locate(env, cloudPath, true);
    await writeFile(target, data);
    return { fileID: `cloud://${env}/${cloudPath}` };
  }

  async download(fileID: unknown): Promise<{ data: Uint8Array }> {
    const { env, cloudPath } = this.parseFileID(fileID);
    const target = await this.locate(env, cloudPath, false);
    try {
      return { data: new Uint8Array(await readFile(target)) };
    } catch {
      throw cloudError(FAILED, `downloadFile: ${String(fileID)} does not exist`);
    }
  }

  /** The stored bytes of a file, or undefined (the dev server serves temp URLs with it). */
  async read(env: string, cloudPath: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(await this.locate(env, cloudPath, false)));
    } catch {
      return undefined;
    }
  }

  private async exists(fileID: string): Promise<{ env: string; cloudPath: string } | undefined> {
    try {
      const parsed = this.parseFileID(fileID);
      const info = await stat(await this.locate(parsed.env, parsed.cloudPath, false));
      return info.isFile() ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async tempURLs(fileList: unknown[]): Promise<{ fileList: unknown[] }> {
    return {
      fileList: await Promise.all(
        fileList.map(async (entry) => {
          const fileID = String(typeof entry === 'object' && entry !== null ? (entry as { fileID?: unknown }).fileID : entry);
          const found = await this.exists(fileID);
          return found ? { fileID, tempFileURL: this.fileURL(found.env, found.cloudPath), status: 0 } : { fileID, status: -1, errMsg: 'file not found' };
        }),
      ),
    };
  }

  async delete(fileList: unknown[]): Promise<{ fileList: unknown[] }> {
    return {
      fileList: await Promise.all(
        fileList.map(async (entry) => {
          const fileID = String(entry);
          const found = await this.exists(fileID);
          if (!found) return { fileID, status: -1, errMsg: 'file not found' };
          await rm(await this.locate(found.env, found.cloudPath, false));
          return { fileID, status: 0 };
        }),
      ),
    };
  }
}
