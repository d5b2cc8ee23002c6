/** Errors raised in view code name the package's view code, never the host (src/view/error-stack.ts). */
import { describe, expect, it } from 'vitest';
import { describeViewError, withoutHostPaths } from '../../src/view/error-stack.ts';

describe('describeViewError', () => {
  it('keeps the frames of evaluated view code as view.js, drops the host frames and paths', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'deep')");
    error.stack = [
      "TypeError: Cannot read properties of undefined (reading 'deep')",
      '    at Object.f (eval at loadViewModule (/work/main/packages/runtime/src/view/load-view-module.ts:73:19), <anonymous>:483:33)',
      '    at invoke (eval at loadViewModule (/work/main/packages/runtime/src/view/load-view-module.ts:73:19), <anonymous>:109:35)',
      '    at Array.map (<anonymous>)',
      '    at ViewEngine.render (/work/main/packages/runtime/src/view/engine.ts:433:16)',
      '    at file:///home/ci/node_modules/vitest/dist/index.js:1:1',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    const info = describeViewError(error);
    expect(info.message).toBe("Cannot read properties of undefined (reading 'deep')");
    expect(info.stack).toBe(
      ["TypeError: Cannot read properties of undefined (reading 'deep')", '    at Object.f (view.js:483:33)', '    at invoke (view.js:109:35)', '    at Array.map (<anonymous>)'].join('\n'),
    );
    expect(info.stack).not.toMatch(/\/work|\/home|node_modules|node:|engine\.ts/);
  });

  it('describes non-errors and strips host paths from messages, leaving app paths alone', () => {
    expect(describeViewError('boom')).toEqual({ message: 'boom', stack: 'Error: boom' });
    expect(withoutHostPaths('cannot read /work/main/packages/runtime/src/x.ts here')).toBe('cannot read <host> here');
    expect(withoutHostPaths('page /pages/index/index not found')).toBe('page /pages/index/index not found');
    expect(withoutHostPaths('at file:///Users/me/app/node_modules/x/index.js')).toBe('at <host>');
  });
});
