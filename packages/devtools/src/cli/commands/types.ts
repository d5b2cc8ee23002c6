import type { CliIO } from '../context.ts';

/** One `mpk <verb>`: each lives in its own module and is listed in `commands/index.ts`. */
export interface CliCommand {
  /** cac usage string, e.g. `build <project>`. */
  usage: string;
  description: string;
  options?: Array<[flags: string, description: string, config?: { default?: unknown; type?: unknown[] }]>;
  examples?: string[];
  /**
   * cac passes positional arguments then the options object last; `argv` is the raw command line
   * (for commands whose options are ordered actions, like `run --tap a --wait 100 --tap b`).
   * Resolves to the exit code.
   */
  run(args: unknown[], io: CliIO, argv: readonly string[]): Promise<number>;
}
