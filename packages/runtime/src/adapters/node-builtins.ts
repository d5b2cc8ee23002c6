/**
 * Node built-ins reached through `process.getBuiltinModule` instead of static imports, so the
 * runtime's module graph stays loadable in browsers (where these code paths are never taken).
 */

export const isNode: boolean =
  typeof process !== 'undefined' && typeof process.versions === 'object' && typeof process.versions.node === 'string';

type Builtins = {
  'node:fs': typeof import('node:fs');
  'node:path': typeof import('node:path');
  'node:os': typeof import('node:os');
  'node:zlib': typeof import('node:zlib');
  'node:crypto': typeof import('node:crypto');
  'node:dns': typeof import('node:dns');
  'node:http': typeof import('node:http');
  'node:https': typeof import('node:https');
  'node:net': typeof import('node:net');
  'node:stream': typeof import('node:stream');
};

export function nodeBuiltin<K extends keyof Builtins>(id: K): Builtins[K] {
  const get = isNode ? (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule : undefined;
  if (!get) throw new Error(`${id} is only available in Node.js 20.16 or newer`);
  return get(id) as Builtins[K];
}
