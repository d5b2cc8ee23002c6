/**
 * The simulator's network switch: what `my.getNetworkType` reports, and how the app's requests
 * are slowed. The presets are Chromium DevTools' (latency and throughput as its throttling menu
 * sets them), so a page behaves here as it does under the browser's own throttling. Offline is the
 * container's `setNetworkType('NOTREACHABLE')`: the runtime fails network calls with the platform's
 * network error. Every switch fires `onNetworkStatusChange` in the running app.
 *
 * A throttled request waits the latency, then the time its body takes to go up at the upload rate;
 * the response body comes down at the download rate (chunks are held back, so a large answer
 * takes visibly longer than a small one). WebSockets are not throttled.
 */
import type { NetworkType } from '@mpk/runtime';

export interface NetworkCondition {
  id: string;
  label: string;
  /** The figures, for the option's tooltip. */
  detail: string;
  type: NetworkType;
  /** Added before each request is sent, in ms. */
  latencyMs: number;
  /** Bytes per second down (response bodies) and up (request bodies); absent: unlimited. */
  downloadBps?: number;
  uploadBps?: number;
}

// Chromium's presets (front_end/core/sdk/NetworkManager.ts): kbit/s × 1000 / 8 (× its 0.8/0.9
// factors already applied in the figures it uses), latency as it adds it.
const kbit = (n: number): number => Math.round((n * 1000) / 8);

export const NETWORK_CONDITIONS: readonly NetworkCondition[] = [
  { id: 'wifi', label: 'Wi-Fi', detail: 'no throttling', type: 'WIFI', latencyMs: 0 },
  { id: '4g', label: '4G', detail: '165 ms, 8.1 Mbit/s', type: '4G', latencyMs: 165, downloadBps: kbit(8100), uploadBps: kbit(8100) },
  { id: 'fast3g', label: 'Fast 3G', detail: '563 ms, 1.44 Mbit/s down, 675 kbit/s up', type: '3G', latencyMs: 563, downloadBps: kbit(1440), uploadBps: kbit(675) },
  { id: '3g', label: 'Slow 3G', detail: '2 s, 400 kbit/s', type: '3G', latencyMs: 2000, downloadBps: kbit(400), uploadBps: kbit(400) },
  { id: '2g', label: '2G', detail: '300 ms, 250 kbit/s down, 50 kbit/s up', type: '2G', latencyMs: 300, downloadBps: kbit(250), uploadBps: kbit(50) },
  { id: 'offline', label: 'Offline', detail: 'my.request fails with error 12', type: 'NOTREACHABLE', latencyMs: 0 },
];

/** Waits `ms`; an abort of `signal` during the wait rejects at once. */
function wait(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason ?? new DOMException('aborted', 'AbortError'));
      },
      { once: true },
    );
  });
}

/** Size of a request body that can be known without reading it (a stream: 0). */
function bodySize(body: BodyInit | null | undefined): number {
  if (body === null || body === undefined) return 0;
  if (typeof body === 'string') return new TextEncoder().encode(body).byteLength;
  if (body instanceof Blob) return body.size;
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return body.byteLength;
  if (body instanceof URLSearchParams) return body.toString().length;
  if (body instanceof FormData) {
    let size = 0;
    body.forEach((value, name) => (size += name.length + (typeof value === 'string' ? value.length : value.size) + 100));
    return size;
  }
  return 0;
}

/** `body` delivered no faster than `bytesPerSecond` (each chunk waits until its bytes are "due"). */
function throttleBody(body: ReadableStream<Uint8Array>, bytesPerSecond: number, signal?: AbortSignal | null): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const started = performance.now();
  let delivered = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      delivered += value.byteLength;
      await wait(started + (delivered / bytesPerSecond) * 1000 - performance.now(), signal);
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** `inner` under the condition `current()` returns when each request starts. */
export function throttle(inner: typeof fetch, current: () => NetworkCondition): typeof fetch {
  return async (input, init) => {
    const condition = current();
    const up = condition.uploadBps ? (bodySize(init?.body) / condition.uploadBps) * 1000 : 0;
    await wait(condition.latencyMs + up, init?.signal);
    const response = await inner(input, init);
    if (!condition.downloadBps || !response.body) return response;
    return new Response(throttleBody(response.body, condition.downloadBps, init?.signal), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
