/** A minimal package (manifest + files) written by hand, for the loaders' tests. */

import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PackageManifest } from '../../src/contract/package-format.ts';

export const sha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export const BASE_FILES: Record<string, string> = {
  'logic.js': '__mpkLogic.define({ app: function () { App({}); }, "pages/index/index": function () { Page({}); } });\n',
  'view.js': '/* view */\n',
  'style.css': '.a{}\n',
};

/** A manifest listing `files` (path → content) with their sizes and hashes; `patch` edits it afterwards. */
export function manifestFor(files: Record<string, string | Uint8Array>, patch: (m: PackageManifest) => void = () => {}): PackageManifest {
  const manifest: PackageManifest = {
    format: 1,
    compiler: 'mpk-test',
    app: {
      pages: ['pages/index/index'],
      entryPagePath: 'pages/index/index',
      window: {},
      subPackages: [],
      networkTimeout: { request: 30000, connectSocket: 30000, uploadFile: 60000, downloadFile: 60000 },
    },
    pages: {
      'pages/index/index': { id: 'pages/index/index', package: '', window: {}, template: 'pages/index/index', usingComponents: {}, styleIsolation: 'shared' },
    },
    components: {},
    parts: [{ root: '', pages: ['pages/index/index'], logic: 'logic.js', view: 'view.js', style: 'style.css' }],
    files: Object.entries(files).map(([p, content]) => ({ path: p, size: typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength, sha256: sha(content) })),
    sizes: {},
  };
  patch(manifest);
  return manifest;
}

/** Writes a package directory: the files, and a manifest listing them (or `manifest` when given). */
export function writePackage(files: Record<string, string | Uint8Array> = BASE_FILES, manifest: PackageManifest = manifestFor(files)): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-pkg-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}
