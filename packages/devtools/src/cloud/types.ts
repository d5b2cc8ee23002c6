/** The runtime's cloud adapter types, as the host options declare them (@mpk/runtime's adapters/cloud.ts). */
import type { HostOptions } from '@mpk/runtime';

export type CloudAdapter = NonNullable<HostOptions['cloud']>;
export type CloudRequest = Parameters<CloudAdapter['request']>[0];
export type HostContext = Parameters<CloudAdapter['request']>[1];
export type CloudQuery = NonNullable<Extract<CloudRequest, { op: 'database' }>['query']>;
