import type { Schema } from './schema.ts';
import type { ApiDefinition } from './types.ts';

/** Declares an API; returns the declaration unchanged (it exists for type inference). */
export function defineApi<A, R>(def: ApiDefinition<A, R>): ApiDefinition<A, R> {
  return def;
}

/**
 * Declares an event API pair `my.onX(cb)` / `my.offX(cb?)`. Listeners live in the guest; the host
 * fires them with a `{ t: 'hostEvent', name: X, data }` message whose data matches `payload`.
 */
export function defineEvent(name: string, payload?: Schema, description?: string): ApiDefinition[] {
  const noop = () => ({});
  return [
    { name: `on${name}`, kind: 'event', result: payload, handler: noop, description },
    { name: `off${name}`, kind: 'event', handler: noop, description: description && `Removes listeners added with on${name}.` },
  ];
}

const API_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Throws for names the guest could not expose as `my.<name>`. */
export function assertApiName(name: string): void {
  if (!API_NAME.test(name) || name === '__proto__' || name === 'constructor' || name === 'prototype') {
    throw new Error(`invalid API name ${JSON.stringify(name)}: use an identifier like "scanBadge"`);
  }
}
