/**
 * Failures the emulator answers with: `{ error, errorMessage }` objects, the shape a `CloudAdapter`
 * throws so the SDK's promise rejects with that code (src/jsapi/apis/cloud.ts keeps it).
 *
 * | error | when |
 * |---|---|
 * | 2 | bad input: an invalid env, collection, field name, cloudPath, query or update |
 * | 3 | the operation failed: no such document / file / function, a function that threw, timed out or does not build, an aggregate stage the emulator does not run |
 */
export interface CloudError {
  error: number;
  errorMessage: string;
}

export const INVALID = 2;
export const FAILED = 3;

export function cloudError(error: number, errorMessage: string): CloudError {
  return { error, errorMessage };
}

export function isCloudError(value: unknown): value is CloudError {
  return typeof value === 'object' && value !== null && typeof (value as CloudError).error === 'number' && typeof (value as CloudError).errorMessage === 'string';
}

/** Names of envs, collections and functions: they become directory and file names, so nothing that walks a path. */
const NAME = /^[\p{L}\p{N}_-][\p{L}\p{N}_.-]{0,127}$/u;

export function checkName(kind: string, name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name) || name.includes('..')) {
    throw cloudError(INVALID, `invalid ${kind} name ${JSON.stringify(name)} (letters, digits, _ - and . only, at most 128)`);
  }
  return name;
}
