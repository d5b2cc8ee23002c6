/** `console.*` → `log` messages with JSON-safe renderings of the arguments. */
import type { LogLevel } from '../../bridge/protocol.ts';
import { post } from './host.ts';
import { renderForLog } from './inspect.ts';

function logger(level: LogLevel) {
  return (...args: unknown[]) => post({ t: 'log', level, args: args.map(renderForLog) });
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
      if (!condition) error('Assertion failed', ...args);
    },
  };
}
