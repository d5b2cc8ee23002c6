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

const closed = new WeakSet<NodeJS.WriteStream>();
const guarded = new WeakSet<NodeJS.WriteStream>();

/**
 * `mpk check … | head -1`: once the reader is gone, writing fails with EPIPE (emitted as an
 * 'error' event, which would crash the process with a stack trace). Output to a closed pipe is
 * dropped instead and the command finishes with its own exit code.
 */
export function guardPipe(stream: NodeJS.WriteStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED' || closed.has(stream)) {
      closed.add(stream);
      return;
    }
    throw error;
  });
}

function writeTo(stream: NodeJS.WriteStream, text: string): void {
  guardPipe(stream);
  if (closed.has(stream)) return;
  stream.write(text);
}

export const processIO: CliIO = {
  stdout: (text) => writeTo(process.stdout, text),
  stderr: (text) => writeTo(process.stderr, text),
};
