/** Node-only entry points (they use node:fs): `@mpk/runtime/node`. */
export { loadPackageFromDir } from './package/node-source.ts';
