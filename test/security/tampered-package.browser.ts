/**
 * Browser side of tampered-package.test.ts: the simulator's way of running a package without its
 * chrome — a container with the DomRenderer in a shadow root of `#screen` and the logic in the
 * simulator's Web Worker bundle — for a package served over HTTP at a path of the test's server.
 */
import { createContainer, createMemoryStorage, createWorkerTransport, loadPackageFromUrl, type Container, type WorkerLike } from '@mpk/runtime';
import { DomRenderer } from '@mpk/runtime/dom';

const shadow = document.getElementById('screen')!.attachShadow({ mode: 'open' });
const assets = Promise.all([
  fetch('/quickjs.wasm').then((r) => r.arrayBuffer()).then((b) => WebAssembly.compile(b)),
  fetch('/baselib.js').then((r) => r.text()),
]);

let current: { container?: Container; root: HTMLElement } | undefined;
const errors: string[] = [];

function screenText(): string {
  return current?.root.textContent ?? '';
}

async function start(base: string, appId: string): Promise<{ error?: string; text: string }> {
  await stop();
  const [wasm, baseLibrary] = await assets;
  const root = document.createElement('div');
  root.className = 'app-root';
  root.style.cssText = 'width: 375px; height: 600px';
  shadow.append(root);
  current = { root };
  errors.length = 0;
  try {
    const renderer = new DomRenderer(root, { screenWidth: 375 });
    const container = await createContainer({
      pkg: await loadPackageFromUrl(new URL(base, location.href).href),
      renderer,
      appId,
      host: { storage: createMemoryStorage() },
      logic: (o) =>
        createWorkerTransport({ createWorker: () => new Worker('/logic-worker.js', { type: 'module' }) as unknown as WorkerLike, wasm, baseLibrary, limits: o.limits }),
    });
    current.container = container;
    container.on('error', (e) => errors.push(`${e.kind}: ${e.message}`));
    container.on('part', (e) => renderer.setStyleSheet(e.root || '(main)', e.style));
    await container.launch();
    return { text: screenText() };
  } catch (error) {
    return { error: String((error as Error)?.stack ?? error), text: screenText() };
  }
}

async function idle(): Promise<{ text: string; errors: string[] }> {
  await current?.container?.waitForIdle();
  return { text: screenText(), errors: [...errors] };
}

async function stop(): Promise<void> {
  if (!current) return;
  await current.container?.destroy().catch(() => undefined);
  current.root.remove();
  current = undefined;
}

const host = { start, idle, stop };
declare global {
  interface Window {
    __host: typeof host;
    __hostReady: boolean;
  }
}
window.__host = host;
window.__hostReady = true;
