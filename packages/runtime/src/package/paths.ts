/**
 * Which paths a package may list, and how large it may be. A package is untrusted input: a path it
 * lists must name a file inside the package on every host (POSIX and Windows file systems, URL
 * servers), and two listed paths must never name the same file. Everything here is pure (browser
 * and Node alike); `node-source.ts` adds what only a file system can tell (symlinks, FIFOs…).
 */

/** Hard caps a loader applies before it reads anything (override per loader or per container). */
export interface PackageReadLimits {
  /** Largest file the manifest may list, in bytes. Default 16 MiB. */
  maxFileBytes: number;
  /** Largest sum of the listed files, in bytes. Default 64 MiB. */
  maxPackageBytes: number;
  /** Largest manifest.json, in bytes. Default 8 MiB. */
  maxManifestBytes: number;
  /** Most files a manifest may list. Default 20 000. */
  maxFiles: number;
}

export const DEFAULT_PACKAGE_READ_LIMITS: Readonly<PackageReadLimits> = Object.freeze({
  maxFileBytes: 16 * 1024 * 1024,
  maxPackageBytes: 64 * 1024 * 1024,
  maxManifestBytes: 8 * 1024 * 1024,
  maxFiles: 20_000,
});

/** manifest.sig: not listed in the manifest (it signs it). */
export const SIGNATURE_FILE = 'manifest.sig';
export const MANIFEST_FILE = 'manifest.json';

const MAX_PATH_LENGTH = 1024;
/** Names Windows opens as devices whatever their extension (`nul.txt` is NUL). */
const WINDOWS_DEVICES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

export function resolveReadLimits(limits: Partial<PackageReadLimits> = {}): PackageReadLimits {
  const out = { ...DEFAULT_PACKAGE_READ_LIMITS };
  for (const key of Object.keys(out) as (keyof PackageReadLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new TypeError(`package limit ${key} must be a non-negative integer`);
    out[key] = value;
  }
  return out;
}

/**
 * Why `path` cannot be a package path, or undefined when it can: a relative POSIX path of
 * non-empty segments, no `.`/`..`, no backslash, colon, NUL or other control character, no segment
 * ending in a dot or a space (Windows drops them) and no Windows device name.
 */
export function packagePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'string') return 'is not a string';
  if (path === '') return 'is empty';
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'contains a NUL or control character';
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'is absolute';
  if (path.includes(':')) return 'contains ":" (drive letters, URL schemes and Windows streams are refused)';
  if (/[\ud800-\udfff]/.test(path.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''))) return 'contains a lone surrogate';
  for (const segment of path.split('/')) {
    if (segment === '') return 'has an empty segment';
    if (segment === '.' || segment === '..') return 'has a "." or ".." segment';
    if (segment.endsWith('.') || segment.endsWith(' ')) return 'has a segment ending in a dot or a space';
    if (WINDOWS_DEVICES.test(segment)) return `names a device ("${segment}")`;
  }
  return undefined;
}

/** What two paths that name the same file on a case-insensitive or normalising file system share. */
export function pathCollisionKey(path: string): string {
  return path.normalize('NFC').toUpperCase().toLowerCase();
}

/** `path` as a URL path relative to a base: each segment percent-encoded, so `%`, `?`, `#` stay literal. */
export function encodePackagePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Quotes a path from the package for an error message (bounded, control characters escaped). */
export function quotePath(path: unknown): string {
  const text = typeof path === 'string' ? path : String(path);
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
