/**
 * Mocks from the same declarations: handlers that validate their arguments with the API's own
 * schema, answer with a schema-shaped result (or an override), and record every call. Pass
 * `mocks.apis` as `host.apis` to replace real APIs in a test.
 */

import { ApiFailure, ErrorCode } from './errors.ts';
import { exampleOf, validateArgs, type ObjectSchema } from './schema.ts';
import type { ApiCallContext, ApiDefinition, HostApiDefinition, TaskMethodDefinition } from './types.ts';
import { RingLog } from '../adapters/ring-log.ts';

/** A fixed result, a function of the arguments, or a failure. */
export type MockResponse = unknown | ((args: any) => unknown) | { $fail: { error: number; errorMessage: string } };

export interface MockCall {
  api: string;
  args: unknown;
}

export interface ApiMocks {
  /** Every mocked API, ready for `createJsapi({ host: { apis: mocks.apis } })`. */
  readonly apis: Record<string, HostApiDefinition>;
  /** The calls, in order (task methods appear as `api.method`): the latest 1000, `calls.dropped` counts the rest. */
  readonly calls: RingLog<MockCall>;
  callsOf(api: string): unknown[];
  /** Answer `api` with this result (or a function of the arguments) from now on. */
  respond(api: string, response: unknown | ((args: any) => unknown)): void;
  /** Fail `api` with this error from now on. */
  fail(api: string, error: number, errorMessage: string): void;
  /** Forget calls and responses. */
  reset(): void;
}

/** Calls a mock set keeps (the latest). */
const MAX_RECORDED_CALLS = 1000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFailure(value: unknown): value is { $fail: { error: number; errorMessage: string } } {
  return typeof value === 'object' && value !== null && '$fail' in value;
}

export function createApiMocks(
  definitions: ApiDefinition[] | Record<string, HostApiDefinition>,
  overrides: Record<string, MockResponse> = {},
): ApiMocks {
  const defs = Array.isArray(definitions) ? definitions : Object.entries(definitions).map(([name, def]) => ({ ...def, name }));
  const calls = new RingLog<MockCall>(MAX_RECORDED_CALLS);
  const responses = new Map<string, MockResponse>(Object.entries(overrides));

  const answer = (api: string, params: ObjectSchema | undefined, fallback: () => unknown) => (args: unknown) => {
    const checked = validateArgs(api, params, args);
    if (!checked.ok) throw new ApiFailure(ErrorCode.INVALID_PARAM, checked.message);
    calls.push({ api, args: checked.value });
    if (!responses.has(api)) return fallback();
    const response = responses.get(api);
    if (isFailure(response)) throw new ApiFailure(response.$fail.error, response.$fail.errorMessage);
    if (typeof response === 'function') return (response as (args: unknown) => unknown)(checked.value);
    // A partial result object is completed from the schema's example, so a mock names only what the test cares about.
    const value = structuredClone(response);
    const example = isPlainObject(value) ? fallback() : undefined;
    return isPlainObject(example) ? { ...example, ...(value as Record<string, unknown>) } : value;
  };

  const apis: Record<string, HostApiDefinition> = {};
  for (const def of defs) {
    // A mock stands in for the API: one the host does not support becomes available.
    const { name, unsupported: _unsupported, baselib: _baselib, ...rest } = def;
    if (def.kind === 'property') continue;
    if (def.kind === 'event') {
      apis[name] = rest;
      continue;
    }
    const respond = answer(name, def.params, () => exampleOf(def.result));
    let task: HostApiDefinition['task'];
    if (def.task) {
      const methods: Record<string, TaskMethodDefinition> = {};
      for (const [method, spec] of Object.entries(def.task.methods)) {
        const respondMethod = answer(`${name}.${method}`, spec.params, () => (spec.result ? exampleOf(spec.result) : {}));
        methods[method] = { ...spec, handler: (args: unknown) => respondMethod(args) };
      }
      task = { methods, events: [...def.task.events] };
    }
    apis[name] = {
      ...rest,
      task,
      // Task methods of a mocked call stay addressable until the call is answered.
      handler: (args: unknown, ctx?: ApiCallContext) => {
        if (task && ctx) ctx.tasks.open(ctx.callId, name, {});
        try {
          return respond(args);
        } finally {
          if (task && ctx) ctx.tasks.close(ctx.callId);
        }
      },
    };
  }

  return {
    apis,
    calls,
    callsOf: (api) => calls.filter((c) => c.api === api).map((c) => c.args),
    respond: (api, response) => void responses.set(api, response),
    fail: (api, error, errorMessage) => void responses.set(api, { $fail: { error, errorMessage } }),
    reset() {
      calls.clear();
      responses.clear();
      for (const [api, response] of Object.entries(overrides)) responses.set(api, response);
    },
  };
}
