/**
 * Where a QuickJS variant's WebAssembly comes from. The bytes are compiled into a
 * `WebAssembly.Module` once per process (per source) and every sandbox instantiates its own
 * module from it (≈2 ms). Node reads the file the variant ships; a browser or worker passes a
 * source whose `loadWasm` fetches it.
 */
import type { QuickJSSyncVariant } from 'quickjs-emscripten-core';
import ngReleaseSync from '@jitl/quickjs-ng-wasmfile-release-sync';

export interface QuickJsEngineSource {
  /** A sync quickjs-emscripten variant (quickjs-ng by default; bellard's is a drop-in). */
  variant: QuickJSSyncVariant;
  /** The variant's `.wasm`, as bytes or an already compiled module. */
  loadWasm(): Promise<BufferSource | WebAssembly.Module>;
}

const compiled = new WeakMap<QuickJsEngineSource, Promise<WebAssembly.Module>>();

export function compileWasm(source: QuickJsEngineSource): Promise<WebAssembly.Module> {
  let module = compiled.get(source);
  if (!module) {
    module = source.loadWasm().then((wasm) => (wasm instanceof WebAssembly.Module ? wasm : WebAssembly.compile(wasm)));
    module.catch(() => compiled.delete(source));
    compiled.set(source, module);
  }
  return module;
}

/** Reads a variant package's `.wasm` from node_modules (Node only). */
export function nodeWasmFile(packageName: string): () => Promise<Uint8Array> {
  return async () => {
    const { createRequire } = await import('node:module');
    const { readFile } = await import('node:fs/promises');
    const require = createRequire(import.meta.url);
    return readFile(require.resolve(`${packageName}/wasm`));
  };
}

/**
 * The variant packages type their default export as CommonJS; under ESM it is the variant itself.
 * Accept both shapes.
 */
export function variantOf(imported: unknown): QuickJSSyncVariant {
  const value = imported as { default?: unknown; type?: unknown };
  return (value && value.type === undefined && value.default ? value.default : value) as QuickJSSyncVariant;
}

/** quickjs-ng release-sync, read from disk (Node). */
export const defaultEngineSource: QuickJsEngineSource = {
  variant: variantOf(ngReleaseSync),
  loadWasm: nodeWasmFile('@jitl/quickjs-ng-wasmfile-release-sync'),
};
