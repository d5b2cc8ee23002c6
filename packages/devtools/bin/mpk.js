#!/usr/bin/env node
// In the engine's checkout the CLI runs straight from its TypeScript sources (no build step to
// forget); an installed @mpk/devtools has no sources, only the JavaScript `pnpm build` made.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import('../dist/cli/main.js'));
}
process.exitCode = await main(process.argv.slice(2));
