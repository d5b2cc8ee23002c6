/**
 * Chooses the engine that runs a container's logic layer. QuickJS is the product (sandboxed,
 * limited); Node's vm is only the benchmark baseline (same base library and protocol, not a
 * security boundary). A host may also pass its own factory (the simulator's Web Worker).
 */

import type { LogicTransport } from '../contract/protocol.ts';
import type { Clock } from '../sandbox/clock.ts';
import { createQuickJsTransport, createVmTransport, type SandboxLimits } from '../bridge/transports/index.ts';

export type LogicLimits = SandboxLimits;

export interface LogicFactoryOptions {
  limits?: Partial<LogicLimits>;
  clock?: Clock;
}

export type LogicEngineChoice = 'quickjs' | 'vm' | ((options: LogicFactoryOptions) => Promise<LogicTransport>);

export function createLogicTransport(choice: LogicEngineChoice, options: LogicFactoryOptions): Promise<LogicTransport> {
  if (typeof choice === 'function') return choice(options);
  if (choice === 'vm') return createVmTransport(options);
  return createQuickJsTransport(options);
}
