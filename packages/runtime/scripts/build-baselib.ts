// Writes dist/baselib.js, the prebuilt base library a published @mpk/runtime ships (a checkout
// bundles it on first use instead). Run: pnpm --filter @mpk/runtime build
import { mkdir, writeFile } from 'node:fs/promises';
import { buildBaseLibrary } from '../src/sandbox/baselib-source.ts';

const code = await buildBaseLibrary();
await mkdir(new URL('../dist/', import.meta.url), { recursive: true });
await writeFile(new URL('../dist/baselib.js', import.meta.url), code);
console.log(`dist/baselib.js: ${(code.length / 1024).toFixed(1)} KB`);
