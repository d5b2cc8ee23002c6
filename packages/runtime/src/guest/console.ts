/** `console.*` → `log` messages with JSON-safe renderings of the arguments. */
import type { LogLevel } from '../contract/protocol.ts';
import { post } from './host.ts';
import { renderLogArgs } from './inspect.ts';

function logger(level: LogLevel) {
  // `arguments`-like rest parameters are collected without the array iterator; rendering uses captured built-ins only.
  return (...args: unknown[]) => post({ t: 'log', level, args: renderLogArgs(args) });
}

export function createConsole(): Record<string, Function> {
  const log = logger('log');
  const error = logger('error');
  return {
    log,
    info: logger('info'),
    warn: logger('warn'),
    error,
    debug: logger('debug'),
    trace: logger('debug'),
    assert: (condition: unknown, ...args: unknown[]) => {
      if (!condition) {
        const all: unknown[] = ['Assertion failed'];
        for (let i = 0; i < args.length; i++) all[i + 1] = args[i];
        post({ t: 'log', level: 'error', args: renderLogArgs(all) });
      }
    },
  };
}
