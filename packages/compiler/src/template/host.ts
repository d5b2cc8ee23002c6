/**
 * The SourceHost contract shared by the template and SJS compilers (defined with the SJS compiler
 * in @mpk/runtime/view-form), its fault-tolerant wrapper, and an in-memory host for tests and tools.
 */

import type { SourceHost } from '@mpk/runtime/view-form';

export { SafeHost, type SourceHost } from '@mpk/runtime/view-form';

function normalize(path: string): string | undefined {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else {
      out.push(seg);
    }
  }
  return out.join('/');
}

/**
 * A SourceHost over a map of project files. Requests resolve the documented way: `./` and
 * `../` from the requesting file's folder, `/x` from the project root, anything else from
 * `node_modules/` (walking up from the requesting file's folder, like Node).
 */
export function memorySourceHost(files: Record<string, string>): SourceHost {
  const has = (p: string | undefined): p is string => p !== undefined && Object.prototype.hasOwnProperty.call(files, p);
  return {
    readFile: (path) => (has(path) ? files[path] : undefined),
    resolve(fromFile, request) {
      const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '';
      if (request.startsWith('/')) {
        const p = normalize(request);
        return has(p) ? p : undefined;
      }
      if (request.startsWith('./') || request.startsWith('../')) {
        const p = normalize(`${dir}/${request}`);
        return has(p) ? p : undefined;
      }
      const parts = dir ? dir.split('/') : [];
      for (let i = parts.length; i >= 0; i--) {
        const p = normalize([...parts.slice(0, i), 'node_modules', request].join('/'));
        if (has(p)) return p;
      }
      return undefined;
    },
  };
}
