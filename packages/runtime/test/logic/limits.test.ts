import { describe, expect, it } from 'vitest';
import type { HostToLogic } from '../../src/contract/protocol.ts';
import { appBundle, FakeHost } from './support/fake-host.ts';

const tap = (handler: string): HostToLogic => ({ t: 'event', id: 1, handler, event: { type: 'tap' } as never });

const APP = `App({ onError(message) { console.log('App.onError: ' + message) } });`;

const PAGE = `Page({
  data: { n: 0 },
  spin() { while (true) {} },
  spinAsync() { Promise.resolve().then(function again() { return Promise.resolve().then(again) }) },
  spinInJob() { Promise.resolve().then(() => { while (true) {} }) },
  bomb() { const keep = []; while (true) keep.push({ i: keep.length, s: 'x'.repeat(64) }) },
  bigStrings() { const keep = []; for (let i = 0; i < 1000; i++) keep.push('y'.repeat(1 << 20) + i) },
  recurse() { const f = (n) => f(n + 1) + 1; f(0) },
  swallow() { try { while (true) {} } catch (e) { console.log('swallowed?!') } },
  ok() { this.setData({ n: this.data.n + 1 }); console.log('ok ' + this.data.n) },
});`;

async function open(limits: Record<string, number> = {}) {
  const host = await FakeHost.start(appBundle({ 'pages/index/index': PAGE }, APP), { limits: { taskMs: 150, ...limits } });
  await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
  host.clear();
  return host;
}

describe('sandbox limits (QuickJS)', () => {
  it('stops while(true) at the deadline, tells App.onError, and the next event still works', async () => {
    const host = await open();
    try {
      const started = Date.now();
      await host.send(tap('spin'));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(host.errors('timeout')).toEqual([expect.objectContaining({ kind: 'timeout', message: expect.stringMatching(/longer than 150 ms/) })]);
      expect(host.trail()).toEqual([expect.stringMatching(/^App\.onError: .*longer than 150 ms/)]);
      await host.send(tap('ok'));
      expect(host.trail()[1]).toBe('ok 1');
      expect(host.data.get(1)).toEqual({ n: 1 });
    } finally {
      await host.dispose();
    }
  });

  it('guest code cannot swallow the interrupt', async () => {
    const host = await open();
    try {
      await host.send(tap('swallow'));
      expect(host.errors('timeout')).toHaveLength(1);
      expect(host.trail().join()).not.toMatch(/swallowed/);
    } finally {
      await host.dispose();
    }
  });

  it('bounds promise jobs: an endless microtask chain or a loop inside a job times out', async () => {
    const host = await open({ maxConsecutiveFailures: 4 });
    try {
      await host.send(tap('spinInJob'));
      expect(host.errors('timeout')).toHaveLength(1);
      await host.send(tap('ok'));
      expect(host.trail()).toContain('ok 1');
      host.clear();
      await host.send(tap('spinAsync'));
      // The chain never ends, and `send` still returns (bounded, never a hang). Where the deadline
      // lands decides what follows: inside a job, the interrupt kills the chain and the app lives
      // on; between drains, the leftover jobs fail again until the sandbox gives up.
      expect(host.errors('timeout').length).toBeGreaterThan(0);
      if (host.errors('terminated').length === 0) {
        host.clear();
        await host.send(tap('ok'));
        expect(host.trail()).toContain('ok 2');
      } else {
        expect(host.errors('terminated')).toHaveLength(1);
      }
    } finally {
      await host.dispose();
    }
  });

  it('an allocation bomb hits the heap cap as kind "oom"; the host and the sandbox survive', async () => {
    const host = await open({ heapBytes: 32 * 1024 * 1024, taskMs: 5000 });
    try {
      await host.send(tap('bomb'));
      expect(host.errors('oom')).toEqual([expect.objectContaining({ message: expect.stringMatching(/out of memory \(heap limit 32 MiB\)/) })]);
      expect(host.transport.memoryBytes!()).toBeLessThanOrEqual(32 * 1024 * 1024);
      await host.send(tap('bigStrings'));
      expect(host.errors('oom')).toHaveLength(2);
      await host.send(tap('ok'));
      expect(host.trail()).toContain('ok 1');
      expect(host.transport.terminated).toBe(false);
    } finally {
      await host.dispose();
    }
  });

  it('deep recursion is a clean, catchable error in the guest', async () => {
    const host = await open();
    try {
      await host.send(tap('recurse'));
      const [error] = host.errors('uncaught');
      expect(error.message).toMatch(/stack|recursion/i);
      expect(host.errors('timeout')).toEqual([]);
      await host.send(tap('ok'));
      expect(host.trail()).toContain('ok 1');
    } finally {
      await host.dispose();
    }
  });

  it('terminates the sandbox after repeated failures: kind "terminated", later posts dropped, idle resolves', async () => {
    const host = await open({ maxConsecutiveFailures: 3, taskMs: 100 });
    try {
      await host.send(tap('spin'), tap('spin'), tap('spin'), tap('ok'));
      // One batch: after each timeout the guest resumes after the failed message; three in a row terminate.
      expect(host.errors('timeout')).toHaveLength(3);
      expect(host.errors('terminated')).toEqual([expect.objectContaining({ message: expect.stringMatching(/3 consecutive failed tasks/) })]);
      expect(host.transport.terminated).toBe(true);
      const before = host.messages.length;
      host.transport.post([tap('ok')]);
      await host.transport.idle();
      expect(host.messages.length).toBe(before);
    } finally {
      await host.dispose();
    }
  });

  it('an interrupted batch resumes after the failed message', async () => {
    const host = await open();
    try {
      await host.send(tap('ok'), tap('spin'), tap('ok'), { t: 'rendered', id: 1, seq: 99 }, tap('ok'));
      expect(host.errors('timeout')).toHaveLength(1);
      expect(host.trail().filter((t) => String(t).startsWith('ok'))).toEqual(['ok 1', 'ok 2', 'ok 3']);
      expect(host.data.get(1)).toEqual({ n: 3 });
    } finally {
      await host.dispose();
    }
  });

  it('a stopped deriveDataFromProps or onError does not wedge the component or error reporting', async () => {
    const host = await FakeHost.start(
      appBundle({
        'pages/index/index': `Page({ fail() { throw new Error('handler failed ' + (++globalThis.fails)) } });`,
        'components/c/c': `Component({
          data: { n: 0 },
          deriveDataFromProps() { if (this.data.n === 1 && !globalThis.spun) { globalThis.spun = true; while (true) {} } },
          methods: { set(e) { this.setData({ n: e.detail }) } },
        });`,
      }, `globalThis.fails = 0; App({ onError(m) { if (m.startsWith('handler failed 1')) while (true) {}; console.log('onError ' + m) } })`),
      { limits: { taskMs: 150 } },
    );
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} });
      await host.send({ t: 'compCreate', id: 2, is: 'components/c/c', page: 1, owner: 1, props: {} });
      const set = (n: number): HostToLogic => ({ t: 'event', id: 2, handler: 'set', event: { type: 'tap', detail: n } as never });
      await host.send(set(1));
      expect(host.errors('timeout')).toHaveLength(1);
      await host.send(set(2));
      expect(host.data.get(2)).toEqual({ n: 2 });
      await host.send(tap('fail'));
      expect(host.errors('timeout')).toHaveLength(2);
      await host.send(tap('fail'));
      expect(host.trail().filter((t) => String(t).includes('handler failed'))).toEqual(['onError handler failed 2']);
    } finally {
      await host.dispose();
    }
  });

  it('a successful task resets the failure count', async () => {
    const host = await open({ maxConsecutiveFailures: 2, taskMs: 100 });
    try {
      await host.send(tap('spin'));
      await host.send(tap('ok'));
      await host.send(tap('spin'));
      await host.send(tap('ok'));
      expect(host.errors('timeout')).toHaveLength(2);
      expect(host.errors('terminated')).toEqual([]);
      expect(host.trail().filter((t) => String(t).startsWith('ok'))).toEqual(['ok 1', 'ok 2']);
    } finally {
      await host.dispose();
    }
  });

  it('caps live timers per sandbox', async () => {
    const host = await FakeHost.start(
      appBundle({ 'pages/index/index': `Page({ many() { try { for (let i = 0; i < 20; i++) setTimeout(() => {}, 100000) } catch (e) { console.log(e.name + ': ' + e.message) } } });` }, 'App({})'),
      { limits: { maxTimers: 5 } },
    );
    try {
      await host.send({ t: 'pageLoad', id: 1, route: 'pages/index/index', query: {} }, tap('many'));
      expect(host.trail()).toEqual(['RangeError: too many timers: at most 5 may be pending at once']);
    } finally {
      await host.dispose();
    }
  });
});
