/**
 * The simulator's network switch: what `my.getNetworkType` reports and how long each request
 * waits before it goes out. Offline is the container's `setNetworkType('NOTREACHABLE')`: the
 * runtime fails network calls with the platform's network error and `onNetworkStatusChange` fires.
 * Throttling is latency only (no bandwidth cap): enough to see loading states and races.
 */
import type { NetworkType } from '@mpk/runtime';

export interface NetworkCondition {
  id: string;
  label: string;
  type: NetworkType;
  /** Added before each request is sent, in ms. */
  latencyMs: number;
}

export const NETWORK_CONDITIONS: readonly NetworkCondition[] = [
  { id: 'wifi', label: 'Wi-Fi', type: 'WIFI', latencyMs: 0 },
  { id: '4g', label: '4G (+100 ms)', type: '4G', latencyMs: 100 },
  { id: '3g', label: 'Slow 3G (+400 ms)', type: '3G', latencyMs: 400 },
  { id: 'offline', label: 'Offline', type: 'NOTREACHABLE', latencyMs: 0 },
];

/** `inner`, each call delayed by `latency()` ms (an abort during the wait rejects at once). */
export function withLatency(inner: typeof fetch, latency: () => number): typeof fetch {
  return async (input, init) => {
    const ms = latency();
    if (ms > 0) {
      await new Promise<void>((resolve, reject) => {
        const signal = init?.signal;
        const timer = setTimeout(resolve, ms);
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
        }, { once: true });
      });
    }
    return inner(input, init);
  };
}
