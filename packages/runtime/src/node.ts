/** Node-only entry points (they use node:fs): `@mpk/runtime/node`. */
export { loadPackageFromDir, readPackageFile, type DirectoryPackageOptions } from './package/node-source.ts';
export {
  generateSigningKeys,
  signManifest,
  signPackageDir,
  signingKeyId,
  removePackageSignature,
  type SigningKeys,
  type PrivateKeyInput,
} from './package/signing.ts';
export { createGuardedFetch } from './adapters/node-fetch.ts';
export { defaultResolver, guardedLookup, guardedWebSocketFactory, resolveChecked, AddressRefusedError, type Resolver } from './adapters/network.ts';
// One QuickJS sandbox of its own, for host code that runs other untrusted scripts (the devtools' cloud functions).
export { QuickJsEngine, type QuickJsEngineOptions } from './sandbox/quickjs-engine.ts';
export { defaultEngineSource, EntryOp, resolveLimits, type GuestNatives, type SandboxLimits } from './sandbox/index.ts';
