/** Who is asking: every host adapter call carries it, so one host can serve several mini-programs. */
export interface HostContext {
  appId: string;
  /** The page on top of the stack when the call was made, if any. */
  page?: { id: number; route: string };
}

/** A value an adapter may return directly or as a promise. */
export type MaybePromise<T> = T | Promise<T>;
