/**
 * Files (docs: api/基础API/文件): `my.getFileSystemManager()` and its FileSystemManager, and the
 * saved-file APIs (`my.saveFile`, `my.getSavedFileList`, `my.getSavedFileInfo`, `my.removeSavedFile`,
 * `my.getFileInfo`), over the host's file store (`host.files`, adapters/files.ts), scoped by appId.
 *
 * The manager is a guest object (guest/file-system.ts): each method is one invoke of an internal
 * API `FileSystemManager.<method>` declared here; the `…Sync` methods are sync invokes with the
 * positional arguments the docs give turned into an object. Binary data crosses as
 * `{ $arraybuffer: base64 }` both ways (apis/binary.ts).
 *
 * Paths: `https://usr/…` (my.env.USER_DATA_PATH: the app writes here), `https://resource/…`
 * (temporary files: read-only), `https://store/…` (saved files: read and remove). Anything else —
 * code-package paths, host paths, other schemes, `..` above a root, NUL, encoded dots — is
 * 10024 (no permission). Quotas (docs: FileSystemManager.writeFile / saveFile, 10028): 10 MB per
 * file, 50 MB for user and saved files together; `my.saveFile` answers 19 over 10 MB.
 */

import {
  FileStoreError,
  SAVED_ROOT,
  USER_DATA_PATH,
  isRoot,
  parseLocalPath,
  savedFilePath,
  type FileStat,
  type LocalPath,
} from '../../adapters/files.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s, type ObjectSchema } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { fromBase64, isBinaryMarker, toBinaryMarker } from './binary.ts';
import { FILE_ENCODINGS, decodeBytes, digestHex, encodeText, type FileEncoding } from './file-encoding.ts';
import { ZipError, readZip, type ZipEntry, type ZipErrorKind } from './zip-entries.ts';

export const FILE_LIMIT_BYTES = 10 * 1024 * 1024;
export const USER_FILES_LIMIT_BYTES = 50 * 1024 * 1024;
/** Entries a recursive stat or rmdir walks at most. */
const MAX_WALK = 10_000;

/** The documented FileSystemManager codes. */
export const FsCode = {
  NOT_FOUND: 10022,
  IS_DIRECTORY: 10023,
  NO_PERMISSION: 10024,
  EXISTS: 10025,
  NOT_EMPTY: 10027,
  TOO_LARGE: 10028,
} as const;

/** The methods of FileSystemManager (docs: FileSystemManager 概览). */
export const FILE_SYSTEM_METHODS = [
  'access', 'accessSync', 'appendFile', 'appendFileSync', 'copyFile', 'copyFileSync', 'getFileInfo', 'getSavedFileList',
  'mkdir', 'mkdirSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'removeSavedFile', 'rename', 'renameSync',
  'rmdir', 'rmdirSync', 'saveFile', 'saveFileSync', 'stat', 'statSync', 'unlink', 'unlinkSync', 'unzip', 'writeFile', 'writeFileSync',
] as const;

type Method = (typeof FILE_SYSTEM_METHODS)[number];

const fail = (code: number, method: string, message: string): ApiFailure => new ApiFailure(code, `${method}: ${message}`);

/** A store error as the method's documented code. */
function storeFailure(method: string, error: unknown, codes: Partial<Record<FileStoreError['code'], number>> = {}): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof FileStoreError) {
    const table: Record<FileStoreError['code'], number> = {
      ENOENT: FsCode.NOT_FOUND,
      ENOTDIR: FsCode.NOT_FOUND,
      EISDIR: FsCode.IS_DIRECTORY,
      EEXIST: FsCode.EXISTS,
      ENOTEMPTY: FsCode.NOT_EMPTY,
      EACCES: FsCode.NO_PERMISSION,
      EINVAL: FsCode.NO_PERMISSION,
      ENOSPC: FsCode.TOO_LARGE,
      ...codes,
    };
    return fail(table[error.code], method, error.message);
  }
  return fail(ErrorCode.UNKNOWN, method, (error as Error)?.message ?? String(error));
}

function run<T>(method: string, body: () => T, codes?: Partial<Record<FileStoreError['code'], number>>): T {
  try {
    return body();
  } catch (error) {
    throw storeFailure(method, error, codes);
  }
}

function parse(method: string, path: string, code: number = FsCode.NO_PERMISSION): LocalPath {
  try {
    return parseLocalPath(path);
  } catch (error) {
    throw fail(code, method, (error as Error).message);
  }
}

/** A path the app may write (create, change, remove): under my.env.USER_DATA_PATH. */
function writable(method: string, path: string): LocalPath {
  const local = parse(method, path);
  if (local.root !== 'usr') throw fail(FsCode.NO_PERMISSION, method, `permission denied: ${local.path} is not under ${USER_DATA_PATH} (temporary and saved files are read-only)`);
  return local;
}

function statOf(method: string, ctx: ApiCallContext, local: LocalPath): FileStat | undefined {
  return run(method, () => ctx.host.files.stat(ctx.appId, local.path));
}

function notFound(method: string, local: LocalPath): ApiFailure {
  return fail(FsCode.NOT_FOUND, method, `no such file or directory: ${local.path}`);
}

function readBytes(method: string, ctx: ApiCallContext, local: LocalPath): Uint8Array {
  const data = run(method, () => ctx.host.files.read(ctx.appId, local.path));
  if (!data) throw notFound(method, local);
  return data;
}

/** User and saved files, the part the docs' 50 MB counts. */
function userBytes(ctx: ApiCallContext): number {
  const sum = (dir: string): number => {
    let total = 0;
    const walk = (path: string) => {
      for (const name of ctx.host.files.list(ctx.appId, path)) {
        const child = `${path}/${name}`;
        const stat = ctx.host.files.stat(ctx.appId, child);
        if (stat?.type === 'directory') walk(child);
        else total += stat?.size ?? 0;
      }
    };
    walk(dir);
    return total;
  };
  return sum(USER_DATA_PATH) + sum(SAVED_ROOT);
}

/** Refuses a file of `size` bytes replacing `old` bytes of user/saved files when over the docs' limits. */
function checkQuota(method: string, ctx: ApiCallContext, size: number, old: number, code: number = FsCode.TOO_LARGE): void {
  if (size > FILE_LIMIT_BYTES) throw fail(code, method, `the file would be ${size} bytes, over the 10 MB limit of one file`);
  const total = run(method, () => userBytes(ctx)) - old + size;
  if (total > USER_FILES_LIMIT_BYTES) throw fail(code, method, `the app's files would reach ${total} bytes, over the 50 MB limit`);
}

function dataBytes(method: string, data: unknown, encoding: FileEncoding | undefined): Uint8Array {
  if (typeof data === 'string') {
    try {
      return encodeText(data, encoding ?? 'utf8');
    } catch {
      throw fail(ErrorCode.INVALID_PARAM, method, `parameter "data" is not ${encoding}`);
    }
  }
  // The base library's note for data bigger than one invoke carries (guest/file-system.ts).
  if (typeof data === 'object' && data !== null && typeof (data as { $tooLarge?: unknown }).$tooLarge === 'string') {
    throw new ApiFailure(FsCode.TOO_LARGE, (data as { $tooLarge: string }).$tooLarge);
  }
  if (isBinaryMarker(data)) {
    try {
      return fromBase64(data.$arraybuffer);
    } catch {
      throw fail(ErrorCode.INVALID_PARAM, method, 'parameter "data" should be an ArrayBuffer');
    }
  }
  throw fail(ErrorCode.INVALID_PARAM, method, 'parameter "data" should be a string or an ArrayBuffer');
}

/** POSIX st_mode of a store entry. */
function modeOf(stat: FileStat): number {
  return stat.type === 'directory' ? 0o040755 : 0o100644;
}

function statsResult(stat: FileStat) {
  return {
    mode: modeOf(stat),
    size: stat.size,
    lastAccessedTime: Math.floor(stat.accessedMs / 1000),
    lastModifiedTime: Math.floor(stat.modifiedMs / 1000),
  };
}

/** Every entry under a directory, depth first (relative paths from it), at most MAX_WALK. */
function walk(method: string, ctx: ApiCallContext, dir: LocalPath): { rel: string; local: LocalPath; stat: FileStat }[] {
  const out: { rel: string; local: LocalPath; stat: FileStat }[] = [];
  const visit = (local: LocalPath, rel: string) => {
    for (const name of run(method, () => ctx.host.files.list(ctx.appId, local.path))) {
      const child = parseLocalPath(`${local.path}/${name}`);
      const stat = statOf(method, ctx, child);
      if (!stat) continue;
      if (out.length >= MAX_WALK) throw fail(ErrorCode.UNKNOWN, method, `more than ${MAX_WALK} entries under ${dir.path}`);
      out.push({ rel: `${rel}/${name}`, local: child, stat });
      if (stat.type === 'directory') visit(child, `${rel}/${name}`);
    }
  };
  visit(dir, '');
  return out;
}

// ---------------------------------------------------------------- the methods

interface Impl {
  params: ObjectSchema;
  result?: ObjectSchema;
  errors: Record<number, string>;
  handler(method: string, args: any, ctx: ApiCallContext): unknown;
}

const path = (description: string) => s.string({ description });
const encodingParam = s.enum(FILE_ENCODINGS, { caseInsensitive: true });
const dataParam = s.any({ description: 'A string, or an ArrayBuffer (crosses the bridge as { $arraybuffer: base64 }).' });

function access(method: string, args: { path: string }, ctx: ApiCallContext) {
  const local = parse(method, args.path);
  if (!statOf(method, ctx, local)) throw notFound(method, local);
  return {};
}

function writeFile(method: string, args: { filePath: string; data: unknown; encoding?: FileEncoding }, ctx: ApiCallContext, append = false) {
  const local = writable(method, args.filePath);
  const bytes = dataBytes(method, args.data, args.encoding);
  const stat = statOf(method, ctx, local);
  if (stat?.type === 'directory') throw fail(append ? FsCode.EXISTS : FsCode.IS_DIRECTORY, method, `is a directory: ${local.path}`);
  if (append && !stat) throw notFound(method, local);
  const old = append ? readBytes(method, ctx, local) : undefined;
  const content = old ? new Uint8Array(old.length + bytes.length) : bytes;
  if (old) {
    content.set(old);
    content.set(bytes, old.length);
  }
  checkQuota(method, ctx, content.length, stat?.size ?? 0);
  run(method, () => ctx.host.files.write(ctx.appId, local.path, content));
  return {};
}

function readFile(method: string, args: { filePath: string; encoding?: FileEncoding }, ctx: ApiCallContext) {
  const local = parse(method, args.filePath);
  const bytes = readBytes(method, ctx, local);
  if (args.encoding === undefined) return { data: toBinaryMarker(bytes), dataType: 'ArrayBuffer' };
  return { data: decodeBytes(bytes, args.encoding), dataType: 'string' };
}

function copyFile(method: string, args: { srcPath: string; destPath: string }, ctx: ApiCallContext) {
  const source = parse(method, args.srcPath);
  const target = writable(method, args.destPath);
  const bytes = readBytes(method, ctx, source);
  const existing = statOf(method, ctx, target);
  if (existing?.type === 'directory') throw fail(FsCode.IS_DIRECTORY, method, `is a directory: ${target.path}`);
  checkQuota(method, ctx, bytes.length, existing?.size ?? 0);
  run(method, () => ctx.host.files.write(ctx.appId, target.path, bytes));
  return {};
}

function mkdir(method: string, args: { dirPath: string; recursive?: boolean }, ctx: ApiCallContext) {
  const local = writable(method, args.dirPath);
  if (isRoot(local) || statOf(method, ctx, local)) throw fail(FsCode.EXISTS, method, `file or directory exists: ${local.path}`);
  if (!args.recursive) {
    run(method, () => ctx.host.files.mkdir(ctx.appId, local.path));
    return {};
  }
  for (let depth = 1; depth <= local.segments.length; depth++) {
    const step = parseLocalPath([USER_DATA_PATH, ...local.segments.slice(0, depth)].join('/'));
    const stat = statOf(method, ctx, step);
    if (stat?.type === 'directory') continue;
    if (stat) throw fail(FsCode.EXISTS, method, `a file exists at ${step.path}`);
    run(method, () => ctx.host.files.mkdir(ctx.appId, step.path));
  }
  return {};
}

function readdir(method: string, args: { dirPath: string }, ctx: ApiCallContext) {
  const local = parse(method, args.dirPath);
  return { files: run(method, () => ctx.host.files.list(ctx.appId, local.path)) };
}

function rename(method: string, args: { oldPath: string; newPath: string }, ctx: ApiCallContext) {
  const source = writable(method, args.oldPath);
  const target = writable(method, args.newPath);
  if (!statOf(method, ctx, source)) throw notFound(method, source);
  run(method, () => ctx.host.files.rename(ctx.appId, source.path, target.path));
  return {};
}

function rmdir(method: string, args: { dirPath: string; recursive?: boolean }, ctx: ApiCallContext) {
  const local = writable(method, args.dirPath);
  if (isRoot(local)) throw fail(FsCode.NO_PERMISSION, method, `permission denied: ${local.path} itself cannot be removed`);
  const stat = statOf(method, ctx, local);
  if (!stat || stat.type !== 'directory') throw fail(FsCode.NOT_FOUND, method, `no such directory: ${local.path}`);
  if (args.recursive) {
    // Deepest first: files, then the directories they were in.
    for (const entry of walk(method, ctx, local).reverse()) {
      run(method, () => (entry.stat.type === 'directory' ? ctx.host.files.rmdir(ctx.appId, entry.local.path) : ctx.host.files.remove(ctx.appId, entry.local.path)));
    }
  }
  run(method, () => ctx.host.files.rmdir(ctx.appId, local.path));
  return {};
}

function stat(method: string, args: { path: string; recursive?: boolean }, ctx: ApiCallContext) {
  const local = parse(method, args.path);
  const found = statOf(method, ctx, local);
  if (!found) throw notFound(method, local);
  if (!args.recursive || found.type !== 'directory') return { stats: statsResult(found) };
  // Keys relative to `path`, "/" being `path` itself (as the platform's recursive form).
  const stats: Record<string, ReturnType<typeof statsResult>> = { '/': statsResult(found) };
  for (const entry of walk(method, ctx, local)) stats[entry.rel] = statsResult(entry.stat);
  return { stats, recursive: true };
}

function unlink(method: string, args: { filePath: string }, ctx: ApiCallContext) {
  const local = parse(method, args.filePath);
  if (local.root === 'resource') throw fail(FsCode.NO_PERMISSION, method, `permission denied: ${local.path} is a temporary file`);
  const found = statOf(method, ctx, local);
  if (!found) throw notFound(method, local);
  if (found.type === 'directory') throw fail(FsCode.IS_DIRECTORY, method, `is a directory: ${local.path}`);
  run(method, () => ctx.host.files.remove(ctx.appId, local.path));
  return {};
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return match ? match[1]! : 'other';
}

/** Moves a local file to a saved file (no `filePath`) or to a user file; answers the new path. */
function saveTo(method: string, ctx: ApiCallContext, tempPath: string, filePath: string | undefined, codes: { notFound: number; tooLarge: number; noPermission: number }): string {
  const source = parse(method, tempPath, codes.noPermission);
  const target = filePath === undefined || filePath === '' ? parseLocalPath(savedFilePath(extensionOf(source.path))) : writable(method, filePath);
  const found = statOf(method, ctx, source);
  if (!found || found.type !== 'file') throw fail(codes.notFound, method, `no such file: ${source.path}`);
  if (source.path === target.path) return target.path;
  const existing = statOf(method, ctx, target);
  if (existing?.type === 'directory') throw fail(FsCode.IS_DIRECTORY, method, `is a directory: ${target.path}`);
  // A user or saved file moved again is already counted.
  const counted = source.root === 'resource' ? 0 : found.size;
  checkQuota(method, ctx, found.size, (existing?.size ?? 0) + counted, codes.tooLarge);
  run(method, () => ctx.host.files.rename(ctx.appId, source.path, target.path), { ENOENT: codes.notFound, ENOSPC: codes.tooLarge });
  return target.path;
}

function savedList(method: string, ctx: ApiCallContext, key: 'filePath' | 'apFilePath') {
  const root = parseLocalPath(SAVED_ROOT);
  const fileList = walk(method, ctx, root)
    .filter((entry) => entry.stat.type === 'file')
    .map((entry) => ({ [key]: entry.local.path, size: entry.stat.size, createTime: Math.floor(entry.stat.createdMs / 1000) }));
  return { fileList };
}

function removeSaved(method: string, ctx: ApiCallContext, filePath: string, codes: { notFound: number; noPermission: number }) {
  const local = parse(method, filePath, codes.noPermission);
  if (local.root !== 'store' || isRoot(local)) throw fail(codes.noPermission, method, `${local.path} is not a saved file (${SAVED_ROOT}/…)`);
  const found = statOf(method, ctx, local);
  if (!found || found.type !== 'file') throw fail(codes.notFound, method, `no such file: ${local.path}`);
  run(method, () => ctx.host.files.remove(ctx.appId, local.path), { EACCES: 15 });
  return {};
}

async function fileInfo(method: string, ctx: ApiCallContext, filePath: string, algorithm: 'md5' | 'sha1', notFoundCode: number) {
  const local = parse(method, filePath);
  const found = statOf(method, ctx, local);
  if (!found || found.type !== 'file') throw fail(notFoundCode, method, `no such file: ${local.path}`);
  const bytes = readBytes(method, ctx, local);
  return { size: bytes.length, digest: await digestHex(bytes, algorithm) };
}

const digestParam = s.enum(['md5', 'sha1'], { caseInsensitive: true, default: 'md5' });
const statsSchema = s.object({ mode: s.number(), size: s.number(), lastAccessedTime: s.number(), lastModifiedTime: s.number() });

const IMPLS: Record<string, Impl> = {
  access: {
    params: s.object({ path: path('A file or directory.') }, { required: ['path'] }),
    errors: { 10022: '文件/目录不存在', 10024: '传入的路径没有读的权限' },
    handler: access,
  },
  appendFile: {
    params: s.object({ filePath: path('The file to append to (it must exist).'), data: dataParam, encoding: encodingParam }, { required: ['filePath', 'data'] }),
    errors: { 10022: '指定文件不存在', 10024: '指定的路径没有写的权限', 10025: '指定路径是一个已经存在的目录', 10028: '文件超过 10 MB / 用户文件超过 50 MB' },
    handler: (method, args, ctx) => writeFile(method, args, ctx, true),
  },
  copyFile: {
    params: s.object({ srcPath: path('Any local file.'), destPath: path(`A file under ${USER_DATA_PATH}.`) }, { required: ['srcPath', 'destPath'] }),
    errors: { 10022: '源文件不存在', 10023: '指定路径是一个已存在的目录', 10024: '指定的路径没有读或者写的权限', 10028: '文件超过 10 MB / 用户文件超过 50 MB' },
    handler: copyFile,
  },
  getFileInfo: {
    params: s.object({ filePath: path('A local file.'), digestAlgorithm: digestParam }, { required: ['filePath'] }),
    result: s.object({ size: s.number(), digest: s.string() }, { required: ['size', 'digest'] }),
    errors: { 10022: '文件不存在', 10024: '指定文件没有读的权限' },
    handler: (method, args, ctx) => fileInfo(method, ctx, args.filePath, args.digestAlgorithm.toLowerCase(), FsCode.NOT_FOUND),
  },
  getSavedFileList: {
    params: s.object({}),
    result: s.object({ fileList: s.array(s.object({ filePath: s.string(), size: s.number(), createTime: s.number() })) }, { required: ['fileList'] }),
    errors: {},
    handler: (method, _args, ctx) => savedList(method, ctx, 'filePath'),
  },
  mkdir: {
    params: s.object({ dirPath: path(`A directory under ${USER_DATA_PATH}.`), recursive: s.boolean({ default: false }) }, { required: ['dirPath'] }),
    errors: { 10022: '上级目录不存在', 10024: '指定路径没有写的权限', 10025: '有同名文件或目录' },
    handler: mkdir,
  },
  readFile: {
    params: s.object({ filePath: path('A local file.'), encoding: encodingParam }, { required: ['filePath'] }),
    result: s.object({ data: s.any(), dataType: s.enum(['ArrayBuffer', 'string']) }, { required: ['data', 'dataType'] }),
    errors: { 3: '文件读取未知错误', 10022: '文件/目录不存在', 10023: '指定路径是一个目录', 10024: '指定的路径没有读权限' },
    handler: readFile,
  },
  readdir: {
    params: s.object({ dirPath: path('A local directory.') }, { required: ['dirPath'] }),
    result: s.object({ files: s.array(s.string()) }, { required: ['files'] }),
    errors: { 10022: '目录不存在', 10024: '指定路径没有读权限' },
    handler: readdir,
  },
  removeSavedFile: {
    params: s.object({ filePath: path(`A saved file (${SAVED_ROOT}/…).`) }, { required: ['filePath'] }),
    errors: { 15: '删除文件失败', 10022: '文件/目录不存在', 10024: '指定路径没有写权限' },
    handler: (method, args, ctx) => removeSaved(method, ctx, args.filePath, { notFound: FsCode.NOT_FOUND, noPermission: FsCode.NO_PERMISSION }),
  },
  rename: {
    params: s.object({ oldPath: path(`A file or directory under ${USER_DATA_PATH}.`), newPath: path(`Its new path under ${USER_DATA_PATH}.`) }, { required: ['oldPath', 'newPath'] }),
    errors: { 10022: '源文件不存在', 10024: '指定源文件或者目标文件没有写权限', 10025: '目标是一个已存在的目录' },
    handler: rename,
  },
  rmdir: {
    params: s.object({ dirPath: path(`A directory under ${USER_DATA_PATH}.`), recursive: s.boolean({ default: false }) }, { required: ['dirPath'] }),
    errors: { 10022: '目录不存在', 10024: '指定的路径没有写权限', 10027: '目录不为空' },
    handler: rmdir,
  },
  saveFile: {
    params: s.object({ tempFilePath: path('A local file (a temporary one is moved).'), filePath: path(`Where, under ${USER_DATA_PATH}; default a saved file.`) }, { required: ['tempFilePath'] }),
    result: s.object({ savedFilePath: s.string() }, { required: ['savedFilePath'] }),
    errors: { 10022: '指定文件不存在', 10024: '指定的路径没有写的权限', 10028: '单个文件大小超出上限 10MB / 超出最大存储量 50MB' },
    handler: (method, args, ctx) => ({
      savedFilePath: saveTo(method, ctx, args.tempFilePath, args.filePath, { notFound: FsCode.NOT_FOUND, tooLarge: FsCode.TOO_LARGE, noPermission: FsCode.NO_PERMISSION }),
    }),
  },
  stat: {
    params: s.object({ path: path('A local file or directory.'), recursive: s.boolean({ default: false }) }, { required: ['path'] }),
    result: s.object({ stats: s.union(statsSchema, s.record(statsSchema)), recursive: s.boolean() }, { required: ['stats'] }),
    errors: { 10022: '文件/目录不存在', 10024: '指定的路径没有读权限' },
    handler: stat,
  },
  unlink: {
    params: s.object({ filePath: path('A user or saved file.') }, { required: ['filePath'] }),
    errors: { 10022: '文件不存在', 10023: '传入的路径是一个目录', 10024: '指定的路径没有写权限' },
    handler: unlink,
  },
  writeFile: {
    params: s.object({ filePath: path(`A file under ${USER_DATA_PATH}.`), data: dataParam, encoding: encodingParam }, { required: ['filePath', 'data'] }),
    errors: { 3: '未知错误，文件写入失败', 10022: '上级目录不存在', 10023: '指定路径是一个目录', 10024: '指定的路径没有写的权限', 10028: '写入文件单个超过 10M 或者写入文件夹超过 50M' },
    handler: (method, args, ctx) => writeFile(method, args, ctx),
  },
};

const ZIP_CODES: Record<ZipErrorKind, number> = {
  corrupt: ErrorCode.UNKNOWN,
  unsupported: ErrorCode.UNKNOWN,
  'unsafe-name': FsCode.NO_PERMISSION,
  'too-large': FsCode.TOO_LARGE,
  'too-many': FsCode.TOO_LARGE,
};

/**
 * FileSystemManager.unzip: the whole archive is read and checked first (names, sizes as they
 * inflate, the app's remaining quota), then written; a refused archive writes nothing.
 */
function unzip(method: string, args: { zipFilePath: string; targetPath: string }, ctx: ApiCallContext) {
  const source = parse(method, args.zipFilePath);
  const target = writable(method, args.targetPath);
  const archive = readBytes(method, ctx, source);
  const existing = statOf(method, ctx, target);
  if (existing && existing.type !== 'directory') throw fail(FsCode.EXISTS, method, `not a directory: ${target.path}`);
  if (!existing && !isRoot(target)) {
    const parent = parseLocalPath([USER_DATA_PATH, ...target.segments.slice(0, -1)].join('/'));
    if (!isRoot(parent) && statOf(method, ctx, parent)?.type !== 'directory') throw fail(FsCode.NOT_FOUND, method, `no such directory: ${parent.path}`);
  }
  let entries: ZipEntry[];
  try {
    const room = USER_FILES_LIMIT_BYTES - run(method, () => userBytes(ctx));
    entries = readZip(archive, { fileBytes: FILE_LIMIT_BYTES, totalBytes: Math.max(0, room), entries: MAX_WALK });
  } catch (error) {
    if (error instanceof ZipError) throw fail(ZIP_CODES[error.kind], method, `${source.path}: ${error.message}`);
    throw error;
  }
  const locals = entries.map((entry) => ({ entry, local: parse(method, [target.path, ...entry.segments].join('/')) }));
  // Files the archive replaces give their bytes back to the quota.
  let replaced = 0;
  for (const { entry, local } of locals) {
    const stat = statOf(method, ctx, local);
    if (entry.data && stat?.type === 'directory') throw fail(FsCode.IS_DIRECTORY, method, `is a directory: ${local.path}`);
    if (!entry.data && stat && stat.type !== 'directory') throw fail(FsCode.EXISTS, method, `a file exists at ${local.path}`);
    if (stat?.type === 'file') replaced += stat.size;
  }
  const unpacked = entries.reduce((sum, entry) => sum + (entry.data?.length ?? 0), 0);
  checkQuota(method, ctx, 0, replaced - unpacked);
  const ensureDir = (segments: string[]) => {
    for (let depth = 1; depth <= segments.length; depth++) {
      const step = parseLocalPath([target.path, ...segments.slice(0, depth)].join('/'));
      const stat = statOf(method, ctx, step);
      if (stat?.type === 'directory') continue;
      if (stat) throw fail(FsCode.EXISTS, method, `a file exists at ${step.path}`);
      run(method, () => ctx.host.files.mkdir(ctx.appId, step.path));
    }
  };
  if (!existing && !isRoot(target)) run(method, () => ctx.host.files.mkdir(ctx.appId, target.path));
  for (const { entry, local } of locals) {
    if (!entry.data) {
      ensureDir(entry.segments);
      continue;
    }
    ensureDir(entry.segments.slice(0, -1));
    run(method, () => ctx.host.files.write(ctx.appId, local.path, entry.data!));
  }
  return {};
}

/** The internal API behind `FileSystemManager.<method>`. */
export const fileSystemApiName = (method: string): string => `FileSystemManager.${method}`;

function methodApis(): ApiDefinition[] {
  const out: ApiDefinition[] = [];
  for (const method of FILE_SYSTEM_METHODS) {
    if (method === 'unzip') {
      out.push(
        defineApi({
          name: fileSystemApiName(method),
          kind: 'async',
          internal: true,
          params: s.object({ zipFilePath: path('A local .zip file.'), targetPath: path(`A directory under ${USER_DATA_PATH} (created when its parent exists).`) }, { required: ['zipFilePath', 'targetPath'] }),
          errors: { 3: '未知错误，解压失败', 10022: '源文件不存在或上层目录不存在', 10024: '没有读或写权限', 10028: 'the unpacked files would pass the 10 MB / 50 MB limits' },
          handler: (args: { zipFilePath: string; targetPath: string }, ctx) => unzip(method, args, ctx),
          description: 'Unpacks a zip file into a directory of user files (names that leave it, and archives past the file quotas, are refused before anything is written).',
          doc: '基础API/文件/FileSystemManager/FileSystemManager.unzip.md',
        }),
      );
      continue;
    }
    const sync = method.endsWith('Sync');
    const base = (sync ? method.slice(0, -4) : method) as Method;
    const impl = IMPLS[base]!;
    const name = fileSystemApiName(method);
    out.push(
      defineApi({
        name,
        kind: sync ? 'sync' : 'async',
        internal: true,
        params: impl.params,
        result: impl.result,
        errors: impl.errors,
        handler: (args, ctx) => impl.handler(method, args, ctx),
        description: `FileSystemManager.${method}`,
        doc: `基础API/文件/FileSystemManager/FileSystemManager.${method}.md`,
      }),
    );
  }
  return out;
}

export function fileApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'getFileSystemManager',
      kind: 'sync',
      object: { type: 'FileSystemManager', methods: [...FILE_SYSTEM_METHODS] },
      handler: () => ({}),
      description: 'The one FileSystemManager of the mini-program (built by the base library; its methods are FileSystemManager.* invokes).',
    }),
    ...methodApis(),
    defineApi({
      name: 'saveFile',
      kind: 'async',
      params: s.object({ apFilePath: s.string({ description: 'A local temporary file (it is moved).' }) }, { required: ['apFilePath'] }),
      result: s.object({ apFilePath: s.string() }, { required: ['apFilePath'] }),
      errors: { 2: 'apFilePath 参数为空', 12: '文件不存在', 13: '文件保存失败', 19: '文件存储大小限制为 10M' },
      handler: (args: { apFilePath: string }, ctx) => {
        if (args.apFilePath === '') throw new ApiFailure(ErrorCode.INVALID_PARAM, 'saveFile: apFilePath is empty');
        return { apFilePath: saveTo('saveFile', ctx, args.apFilePath, undefined, { notFound: 12, tooLarge: 19, noPermission: 12 }) };
      },
    }),
    defineApi({
      name: 'getSavedFileList',
      kind: 'async',
      result: s.object({ fileList: s.array(s.object({ apFilePath: s.string(), size: s.number(), createTime: s.number() })) }, { required: ['fileList'] }),
      handler: (_args, ctx) => savedList('getSavedFileList', ctx, 'apFilePath'),
    }),
    defineApi({
      name: 'getSavedFileInfo',
      kind: 'async',
      params: s.object({ apFilePath: s.string() }, { required: ['apFilePath'] }),
      result: s.object({ size: s.number(), createTime: s.number() }, { required: ['size', 'createTime'] }),
      errors: { 12: '文件不存在' },
      handler: (args: { apFilePath: string }, ctx) => {
        const local = parse('getSavedFileInfo', args.apFilePath, 12);
        const found = local.root === 'store' ? statOf('getSavedFileInfo', ctx, local) : undefined;
        if (!found || found.type !== 'file') throw new ApiFailure(12, `getSavedFileInfo: no such saved file: ${local.path}`);
        return { size: found.size, createTime: Math.floor(found.createdMs / 1000) };
      },
    }),
    defineApi({
      name: 'removeSavedFile',
      kind: 'async',
      params: s.object({ apFilePath: s.string() }, { required: ['apFilePath'] }),
      errors: { 12: '文件不存在', 2: '不是本地缓存文件' },
      handler: (args: { apFilePath: string }, ctx) => removeSaved('removeSavedFile', ctx, args.apFilePath, { notFound: 12, noPermission: ErrorCode.INVALID_PARAM }),
    }),
    defineApi({
      name: 'getFileInfo',
      kind: 'async',
      params: s.object({ apFilePath: s.string(), digestAlgorithm: digestParam }, { required: ['apFilePath'] }),
      result: s.object({ size: s.number(), digest: s.string() }, { required: ['size', 'digest'] }),
      errors: { 12: '文件不存在' },
      handler: (args: { apFilePath: string; digestAlgorithm: string }, ctx) =>
        fileInfo('getFileInfo', ctx, args.apFilePath, args.digestAlgorithm.toLowerCase() as 'md5' | 'sha1', 12),
    }),
  ];
}
