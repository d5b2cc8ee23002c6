import type { ApiError } from '../contract/protocol.ts';

/**
 * Error codes shared by most APIs (docs: 小程序 API 使用说明 and the per-API tables). The platform
 * has no global table: codes 11–20 mean different things per API, so those live with each API.
 */
export const ErrorCode = {
  /** The API does not exist on this host (canIUse is false). */
  UNKNOWN_API: 1,
  /** Missing or malformed parameter. */
  INVALID_PARAM: 2,
  /** Unknown error: the host's implementation failed. */
  UNKNOWN: 3,
  /** No permission to call. */
  NO_PERMISSION: 4,
  /**
   * The API is documented but this host cannot provide it (canIUse is false). The same code as an
   * unknown API: the docs answer "IDE 不支持调用该 API" (the Bluetooth family, the closest analogue of
   * a headless host) and "… does not support!" (my.setTabBarItem) with 1. Families that document their
   * own code keep it (see `apis/unsupported.ts`).
   */
  NOT_SUPPORTED: 1,
  /** Network failure (my.request, my.getAuthCode "Network Error", my.downloadFile): also the cloud SDK without a cloud service. */
  NETWORK: 12,
} as const;

/** The "not supported" error of `api` (`error` 1 unless the API's family documents another code). */
export function notSupported(api: string, error: number = ErrorCode.NOT_SUPPORTED, message?: string): ApiError {
  return { error, errorMessage: message ?? `${api}: not supported on this host (canIUse is false)` };
}

/**
 * Thrown by API handlers (and container services) to fail a call with a documented code. Anything
 * else a handler throws is reported as error 3 with its message; nothing a handler does crashes
 * the host.
 */
export class ApiFailure extends Error {
  readonly error: number;
  readonly errorMessage: string;
  /** Extra fields carried next to `error`/`errorMessage` (request's `status` and `data` on a decode failure). */
  readonly extra: Record<string, unknown> | undefined;

  constructor(error: number, errorMessage: string, extra?: Record<string, unknown>) {
    super(errorMessage);
    this.name = 'ApiFailure';
    this.error = error;
    this.errorMessage = errorMessage;
    this.extra = extra;
  }

  toApiError(): ApiError {
    return { ...this.extra, error: this.error, errorMessage: this.errorMessage };
  }
}

/** The `ApiError` for anything a handler threw. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown instanceof ApiFailure) return thrown.toApiError();
  if (isApiErrorLike(thrown)) return { error: thrown.error, errorMessage: thrown.errorMessage };
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return { error: ErrorCode.UNKNOWN, errorMessage: message || 'unknown error' };
}

function isApiErrorLike(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).error === 'number' &&
    typeof (value as ApiError).errorMessage === 'string'
  );
}
