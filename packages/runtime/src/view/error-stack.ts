/**
 * What an error raised in view code (a render function, an SJS function, an SJS event handler or
 * observer) tells the app and the host: its message and a stack that names the package's view code
 * (`view.js:line:col`) and nothing of the host — no absolute paths, no frames of the ViewEngine or
 * the renderer that called it, no `node_modules` of the host. The frames of mpk's own code are
 * cut, as the logic layer cuts the base library's.
 */

const MAX_STACK_LINES = 40;
const MAX_STACK_CHARS = 8000;
const MAX_MESSAGE_CHARS = 2000;

/** `at name (eval at loader (/abs/path.ts:1:2), <anonymous>:483:33)` and `at <anonymous>:3:4`: code the view evaluated. */
const EVALUATED = /^(\s*at\s+)(?:(.*?)\s+\()?(?:eval at .*?,\s*)?<anonymous>:(\d+):(\d+)\)?\s*$/;
/** A frame that names a file of the host (absolute path, file: or node: URL, a drive letter). */
const HOST_FRAME = /(?:\(|\s)(?:\/|file:|node:|[A-Za-z]:[\\/]|https?:\/\/)/;
const ABSOLUTE_PATH = /(?:file:\/\/)?(?:\/[^\s/()'"`:]+)+\/?|[A-Za-z]:\\[^\s()'"`:]*/g;

export interface ViewErrorInfo {
  message: string;
  stack?: string;
}

/**
 * The message and package-relative stack of `error` (anything thrown). `file` is what the frames of
 * the package's view code are called (`view.js`, `sub/view.js`).
 */
export function describeViewError(error: unknown, file = 'view.js'): ViewErrorInfo {
  let name = 'Error';
  let message: string;
  let stack: unknown;
  try {
    if (error instanceof Error) {
      name = typeof error.name === 'string' && error.name ? error.name : 'Error';
      message = String(error.message);
      stack = error.stack;
    } else {
      message = String(error);
    }
  } catch {
    message = 'an error that cannot be described';
  }
  message = withoutHostPaths(message);
  if (message.length > MAX_MESSAGE_CHARS) message = `${message.slice(0, MAX_MESSAGE_CHARS)}… (${message.length} chars)`;
  const frames = typeof stack === 'string' ? packageFrames(stack, file) : [];
  if (frames.length === 0) return { message, stack: `${name}: ${message}` };
  let text = `${name}: ${message}\n${frames.join('\n')}`;
  if (text.length > MAX_STACK_CHARS) text = `${text.slice(0, MAX_STACK_CHARS)}…`;
  return { message, stack: text };
}

/** The frames of package view code, renamed to `file`, in order; everything of the host dropped. */
function packageFrames(stack: string, file: string): string[] {
  const out: string[] = [];
  for (const line of stack.split('\n')) {
    if (!/^\s*at\s/.test(line)) continue;
    const evaluated = EVALUATED.exec(line);
    if (evaluated) {
      const [, at, fn, row, column] = evaluated;
      out.push(fn ? `${at}${withoutHostPaths(fn)} (${file}:${row}:${column})` : `${at}${file}:${row}:${column}`);
    } else if (!HOST_FRAME.test(line) && !/node_modules/.test(line)) {
      // Engine built-ins (`at Array.map (<anonymous>)`, `(native)`) say nothing of the host.
      out.push(line.replace(/\s+$/, ''));
    }
    if (out.length >= MAX_STACK_LINES) break;
  }
  return out;
}

/** Replaces absolute file paths and file: URLs (the host's) in a message with `<host>`. */
export function withoutHostPaths(text: string): string {
  return text.replace(ABSOLUTE_PATH, (path) => (/^\/[^/]*$/.test(path) || !looksLikeHostPath(path) ? path : '<host>'));
}

/** An absolute path with at least two segments that looks like a file system location (not `/pages/index/index`). */
function looksLikeHostPath(path: string): boolean {
  if (/^file:/.test(path) || /^[A-Za-z]:\\/.test(path)) return true;
  return /^\/(?:home|root|tmp|usr|var|opt|work|Users|private|mnt|srv|etc|proc|snap|nix|app|workspace|builds|runner|github)\b/.test(path) || /node_modules/.test(path) || /\.(?:[cm]?[jt]s|json|mjs)$/.test(path);
}
