/** The logic layer's public surface (host side). */
export { realClock, ManualClock, type Clock } from './clock.ts';
export { DEFAULT_LIMITS, resolveLimits, type SandboxLimits } from './limits.ts';
export { createStackMapper, type StackMapper, type OriginalPosition } from './source-map.ts';
export { getBaseLibrarySource, buildBaseLibrary } from './baselib-source.ts';
export { LogicHost } from './logic-host.ts';
export type { GuestEngine, GuestNatives, EntryOutcome, FailureKind } from './engine.ts';
export { EntryOp } from './engine.ts';
export { defaultEngineSource, nodeWasmFile, type QuickJsEngineSource } from './wasm.ts';
