/**
 * Where a QuickJS variant's WebAssembly comes from. The bytes are compiled into a
 * `WebAssembly.Module` once per process (per source) and every sandbox instantiates its own
 * module from it (≈1–1.5 ms). Node reads the file the variant ships; a browser or worker passes a
 * source whose `loadWasm` fetches it.
 */
import { QuickJSWASMModule, type EitherFFI, type QuickJSEmscriptenModule, type QuickJSSyncVariant } from 'quickjs-emscripten-core';
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

interface Loader {
  factory(options: object): Promise<QuickJSEmscriptenModule>;
  FFI: new (module: QuickJSEmscriptenModule) => EitherFFI;
  wasm: WebAssembly.Module;
}

const loaders = new WeakMap<QuickJsEngineSource, Promise<Loader>>();

function unwrapDefault<T>(value: unknown): T {
  let v = value as { default?: unknown };
  while (v && typeof v !== 'function' && v.default) v = v.default as { default?: unknown };
  return v as T;
}

/** The variant's emscripten factory and FFI class, imported once per source (dynamic imports are not free). */
function loaderOf(source: QuickJsEngineSource): Promise<Loader> {
  let loader = loaders.get(source);
  if (!loader) {
    loader = Promise.all([source.variant.importModuleLoader(), source.variant.importFFI(), compileWasm(source)]).then(([factory, FFI, wasm]) => ({
      factory: unwrapDefault<Loader['factory']>(factory),
      FFI: FFI as unknown as Loader['FFI'],
      wasm,
    }));
    loader.catch(() => loaders.delete(source));
    loaders.set(source, loader);
  }
  return loader;
}

const ignore = () => {};

/**
 * A new module instance (emscripten glue, FFI, `QuickJSWASMModule`) over `memory`, every sandbox's
 * way to its engine. The compiled module is instantiated synchronously where the host allows it
 * (the asynchronous `WebAssembly.instantiate` costs ≈0.3 ms more); `quiet` silences emscripten's
 * console output (aborts and failed memory growth, failures the engine classifies and reports).
 */
export async function instantiate(source: QuickJsEngineSource, memory: WebAssembly.Memory, quiet: boolean): Promise<QuickJSWASMModule> {
  const { factory, FFI, wasm } = await loaderOf(source);
  const em = await factory({
    wasmMemory: memory,
    ...(quiet ? { print: ignore, printErr: ignore } : {}),
    async instantiateWasm(imports: WebAssembly.Imports, onSuccess: (instance: WebAssembly.Instance) => void) {
      let instance: WebAssembly.Instance;
      try {
        instance = new WebAssembly.Instance(wasm, imports);
      } catch (error) {
        // A browser's main thread may refuse synchronous instantiation of large modules.
        if (!(error instanceof RangeError)) throw error;
        instance = await WebAssembly.instantiate(wasm, imports);
      }
      onSuccess(instance);
      return instance.exports;
    },
  });
  em.type = 'sync';
  return new QuickJSWASMModule(em, new FFI(em));
}
