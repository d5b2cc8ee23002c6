/**
 * Applies `patch` ops (`['set', path, value]`, `['splice', path, start, deleteCount, items]`) to an
 * instance's copy of its data.
 *
 * Copy-on-write: every container on a changed path is replaced by a shallow copy the first time a
 * pass touches it, so a value that did not change keeps its identity. The diff and the props
 * comparison rely on that (`a !== b` means "changed"), and it means we never mutate objects the
 * sender still holds (an in-process transport hands us its own objects).
 */
import { indexGapProblem, spliceInPlace } from '../contract/data-path.ts';
import type { PatchOp, PatchPath } from '../contract/protocol.ts';

type Container = Record<string | number, unknown> | unknown[];

export class PatchError extends Error {
  override name = 'PatchError';
}

/** Containers created during the current pass: safe to mutate in place. */
export type FreshSet = WeakSet<object>;

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function checkSegment(segment: unknown): asserts segment is string | number {
  if (typeof segment === 'number') {
    if (!Number.isInteger(segment) || segment < 0) throw new PatchError(`invalid array index ${segment} in patch path`);
    return;
  }
  if (typeof segment !== 'string') throw new PatchError(`invalid patch path segment ${JSON.stringify(segment)}`);
  // Assigning `__proto__` would change a container's prototype; reading it would reach Object.prototype.
  if (segment === '__proto__') throw new PatchError('patch path segment "__proto__" is not allowed');
}

/**
 * Defence in depth (the base library refuses it before sending): an index far past an array's end
 * would make a sparse giant (`list[999999999]`) that every render and diff walks.
 */
function checkIndex(container: Container, segment: string | number): void {
  if (typeof segment !== 'number' || !Array.isArray(container)) return;
  const problem = indexGapProblem(container.length, segment);
  if (problem !== undefined) throw new PatchError(`patch path: ${problem}`);
}

function ownGet(container: Container, key: string | number): unknown {
  return Object.prototype.hasOwnProperty.call(container, key) ? (container as Record<string | number, unknown>)[key] : undefined;
}

function copyOf(value: Container, fresh: FreshSet): Container {
  const copy: Container = Array.isArray(value) ? value.slice() : { ...value };
  fresh.add(copy);
  return copy;
}

function newContainerFor(nextSegment: string | number, fresh: FreshSet): Container {
  const created: Container = typeof nextSegment === 'number' ? [] : {};
  fresh.add(created);
  return created;
}

/**
 * Walks `path[0 .. depth)` from `root`, making every container on the way writable (fresh) and
 * creating missing ones. Returns the new root and the container at that depth.
 */
function writablePath(
  root: Container,
  path: PatchPath,
  depth: number,
  fresh: FreshSet,
): { root: Container; target: Container } {
  const newRoot = fresh.has(root) ? root : copyOf(root, fresh);
  let current: Container = newRoot;
  for (let i = 0; i < depth; i++) {
    const segment = path[i];
    const next = path[i + 1];
    checkIndex(current, segment);
    let child = ownGet(current, segment);
    if (!isContainer(child)) child = newContainerFor(next, fresh);
    else if (!fresh.has(child)) child = copyOf(child, fresh);
    (current as Record<string | number, unknown>)[segment] = child;
    current = child as Container;
  }
  return { root: newRoot, target: current };
}

/** Checks a whole path against the data as it is before anything is copied or created (an op is all or nothing). */
function checkIndexes(root: Container, path: PatchPath): void {
  let current: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const container: Container = isContainer(current) ? current : typeof path[i] === 'number' ? [] : {};
    checkIndex(container, path[i]!);
    current = ownGet(container, path[i]!);
  }
}

/**
 * Applies `ops` to `data` and returns the new data object (a new identity whenever anything changed).
 * Throws `PatchError` for a malformed op; ops before it stay applied.
 */
export function applyPatchOps(
  data: Record<string, unknown>,
  ops: readonly PatchOp[],
  fresh: FreshSet,
): Record<string, unknown> {
  if (!Array.isArray(ops)) throw new PatchError('patch ops must be an array');
  let root: Container = data;
  for (const op of ops) {
    if (!Array.isArray(op)) throw new PatchError(`invalid patch op ${JSON.stringify(op)}`);
    const path = op[1];
    if (!Array.isArray(path)) throw new PatchError(`patch op "${String(op[0])}" has no path`);
    for (const segment of path) checkSegment(segment);
    if (op[0] === 'set') {
      const value = op[2];
      if (path.length === 0) {
        if (!isContainer(value) || Array.isArray(value)) throw new PatchError('a whole-data set needs an object');
        root = value;
        continue;
      }
      checkIndexes(root, path);
      const { root: newRoot, target } = writablePath(root, path, path.length - 1, fresh);
      checkIndex(target, path[path.length - 1]);
      (target as Record<string | number, unknown>)[path[path.length - 1]] = value;
      root = newRoot;
    } else if (op[0] === 'splice') {
      const [, , start, deleteCount, items] = op;
      if (typeof start !== 'number' || typeof deleteCount !== 'number' || !Array.isArray(items)) {
        throw new PatchError('splice op needs [path, start, deleteCount, items]');
      }
      if (path.length === 0) throw new PatchError('splice needs a path to an array');
      checkIndexes(root, path);
      const { root: newRoot, target: parent } = writablePath(root, path, path.length - 1, fresh);
      const key = path[path.length - 1];
      const current = ownGet(parent, key);
      let array: unknown[];
      if (current === undefined || current === null) array = [];
      else if (Array.isArray(current)) array = fresh.has(current) ? current : current.slice();
      else throw new PatchError(`splice target ${path.join('.')} is not an array`);
      fresh.add(array);
      spliceInPlace(array, start, deleteCount, items);
      (parent as Record<string | number, unknown>)[key] = array;
      root = newRoot;
    } else {
      throw new PatchError(`unknown patch op "${String(op[0])}"`);
    }
  }
  return root as Record<string, unknown>;
}
