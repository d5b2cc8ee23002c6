import path from 'node:path';

/**
 * Where the user ran the command. `pnpm mpk …` runs scripts from the workspace root, so relative
 * paths the user typed are resolved against pnpm's INIT_CWD, the directory they were typed in.
 */
export function userCwd(): string {
  return process.env.INIT_CWD ?? process.cwd();
}

export function resolveUserPath(p: string): string {
  return path.resolve(userCwd(), p);
}

/** What a command writes to; tests pass their own to capture output. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};
