/**
 * The JSAPI: every `my.*` call from a mini-program arrives here as an `invoke` message and leaves
 * as a `reply`. APIs are declared once (`defineApi`): the declaration drives validation at the
 * bridge, `my.canIUse`, generated TypeScript types and test mocks.
 */

export { createJsapi } from './registry.ts';
export type { Jsapi, CreateJsapiOptions } from './registry.ts';
export type { ApiCallContext, ApiDefinition, HostApiDefinition, ContainerServices, PermissionState, TaskMethodDefinition } from './types.ts';
export { ApiFailure, ErrorCode, notSupported, toApiError } from './errors.ts';
export { defineApi, defineEvent } from './define.ts';
export { resolveHost } from './host-options.ts';
export type { HostOptions, ResolvedHost, ResolvedNetwork } from './host-options.ts';
export { s, validateArgs, validateValue, describeSchema, schemaKeys, exampleOf } from './schema.ts';
export type { Schema, ObjectSchema, StringSchema, NumberSchema, BooleanSchema, ArraySchema, UnionSchema, AnySchema } from './schema.ts';
export { builtinApis } from './apis/index.ts';
export { DOCUMENTED_APIS } from './apis/docs-catalogue.ts';
export type { DocumentedApi } from './apis/docs-catalogue.ts';
export { BUILTIN_COMPONENTS } from '../contract/components.ts';
export { STORAGE_KEY_LIMIT_BYTES, STORAGE_APP_LIMIT_BYTES } from './apis/storage.ts';
export { ARRAY_BUFFER_KEY } from './apis/binary.ts';
export { generateApiTypes, schemaToTs } from './typegen.ts';
export { createApiMocks } from './mocks.ts';
export type { ApiMocks, MockCall, MockResponse } from './mocks.ts';
export { Permissions } from './permissions.ts';
export { TaskTable } from './tasks.ts';
export * from '../adapters/index.ts';
