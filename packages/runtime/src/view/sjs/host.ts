/**
 * How the SJS compiler reads modules: by module file, and how an import request resolves. The
 * compiler gives it the project (through its own resolution rules); the runtime gives it the
 * modules of a view form and their recorded import maps. A host that throws reads as "missing".
 */

export interface SourceHost {
  /** Read a file by its path (POSIX, no leading slash); undefined when missing. */
  readFile(path: string): string | undefined;
  /** Resolve `request` as written in `fromFile` to a file path, or undefined when it does not exist. */
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
