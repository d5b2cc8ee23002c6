/**
 * The SourceHost contract shared by the template and SJS compilers, a fault-tolerant wrapper
 * (a host that throws must not crash the compiler) and an in-memory host for tests and tools.
 */

export interface SourceHost {
  /** Read a project file by project path (POSIX, no leading slash); undefined when missing. */
  readFile(path: string): string | undefined;
  /**
   * Resolve `request` as written in `fromFile` — relative `./x.axml` / `../x.sjs`, absolute `/x.axml`
   * (project root), or npm `pkg/x.axml` (node_modules) — to a project path, or undefined when it does not exist.
   */
  resolve(fromFile: string, request: string): string | undefined;
}

/** Wraps a host so that its exceptions read as "missing", and memoises reads for one compile. */
export class SafeHost {
  private readonly reads = new Map<string, string | undefined>();

  constructor(private readonly host: SourceHost) {}

  read(path: string): string | undefined {
    if (this.reads.has(path)) return this.reads.get(path);
    let text: string | undefined;
    try {
      const r = this.host.readFile(path);
      text = typeof r === 'string' ? r : undefined;
    } catch {
      text = undefined;
    }
    this.reads.set(path, text);
    return text;
  }

  resolve(from: string, request: string): string | undefined {
    try {
      const r = this.host.resolve(from, request);
      return typeof r === 'string' ? r : undefined;
    } catch {
      return undefined;
    }
  }
}

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
