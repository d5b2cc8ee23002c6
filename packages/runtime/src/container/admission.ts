/**
 * What a container checks before anything of a package runs, and whose state it may touch:
 *
 * - the package: its manifest validated (paths, sizes, hashes; `package/verify.ts`) whatever source
 *   it came from, and with `trust` its signature verified (`package/signature.ts`);
 * - its id: storage and files are namespaced by an id the **host** assigns (`appId`), never one the
 *   package chooses; without one each container gets a fresh random id (nothing persists across
 *   containers). Two live containers with the same id on one storage backend (or file store) are
 *   refused unless the host says they share it (`shareStorage: true`).
 */

import type { PackageSource } from '../contract/package-format.ts';
import type { PackageReadLimits } from '../package/paths.ts';
import { resolveTrustedKeys, verifyPackageSignature, type TrustOptions } from '../package/signature.ts';
import { validateManifest } from '../package/verify.ts';
import type { HostOptions } from '../jsapi/index.ts';
import { createMemoryStorage } from '../adapters/storage/memory.ts';

type TrustedKeys = Awaited<ReturnType<typeof resolveTrustedKeys>>;

/** Imports the host's trusted keys (once per container). */
export function trustedKeys(trust: TrustOptions | undefined): Promise<TrustedKeys> | undefined {
  return trust ? resolveTrustedKeys(trust) : undefined;
}

/** Throws PackageError when the package must not run: an invalid manifest, or (with keys) a missing, unknown or wrong signature. */
export async function admitPackage(source: PackageSource, limits: Partial<PackageReadLimits> | undefined, keys: TrustedKeys | undefined): Promise<void> {
  validateManifest(source.manifest, limits);
  if (keys) await verifyPackageSignature(source.manifest, source.signature ?? (await source.readSignature?.()), keys);
}

/** A fresh id no package can predict: `app-<uuid>`. */
export function anonymousAppId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return `app-${c.randomUUID()}`;
  const bytes = c.getRandomValues(new Uint8Array(16));
  return `app-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class AppIdInUseError extends Error {
  override name = 'AppIdInUseError';
}

/**
 * The container's id and the host options it runs with. An explicit `appId` is claimed on the
 * host's backends. Without one, the id is random — what is stored under it can never be reached
 * again — so it is kept in memory rather than the durable default backend, and dropped from the
 * host's backend when the container is destroyed.
 */
export function assignAppId(options: { appId?: string; host?: HostOptions; shareStorage?: boolean }): { appId: string; host: HostOptions | undefined; release: () => void } {
  if (options.appId !== undefined) {
    if (typeof options.appId !== 'string' || options.appId === '') throw new TypeError('createContainer: appId must be a non-empty string');
    return { appId: options.appId, host: options.host, release: claimAppId(options.appId, options.host, options.shareStorage === true) };
  }
  const appId = anonymousAppId();
  const host: HostOptions = options.host?.storage ? options.host : { ...options.host, storage: createMemoryStorage() };
  const release = claimAppId(appId, host, false);
  return {
    appId,
    host,
    release: () => {
      release();
      try {
        host.storage!.clear(appId);
      } catch {
        // A closed or failing backend: nothing of this id is reachable anyway.
      }
      try {
        // The host's file store too (without one, the container's files live in its own memory store).
        host.files?.clear(appId);
      } catch {
        // As above.
      }
    },
  };
}

/** Storage a host did not configure: the process-wide default backend, one key for all of them. */
const DEFAULT_BACKEND = {};
const live = new WeakMap<object, Map<string, number>>();

/**
 * Registers `appId` as live on the host's storage backend and file store; returns the release
 * function (`destroy()` calls it). Throws AppIdInUseError when another live container has the id
 * there and `share` is not set.
 */
export function claimAppId(appId: string, host: HostOptions | undefined, share: boolean): () => void {
  const backends: object[] = [host?.storage ?? DEFAULT_BACKEND];
  if (host?.files) backends.push(host.files);
  if (!share) {
    for (const backend of backends) {
      if ((live.get(backend)?.get(appId) ?? 0) > 0) {
        const what = backend === host?.files ? 'file store' : 'storage backend';
        throw new AppIdInUseError(
          `createContainer: appId ${JSON.stringify(appId)} is already used by a live container on this ${what}; destroy that one first, ` +
            'give each container its own appId, or pass shareStorage: true if they are meant to share their storage',
        );
      }
    }
  }
  for (const backend of backends) {
    let ids = live.get(backend);
    if (!ids) live.set(backend, (ids = new Map()));
    ids.set(appId, (ids.get(appId) ?? 0) + 1);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const backend of backends) {
      const ids = live.get(backend);
      const count = (ids?.get(appId) ?? 1) - 1;
      if (count > 0) ids!.set(appId, count);
      else ids?.delete(appId);
    }
  };
}
