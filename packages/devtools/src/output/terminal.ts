/**
 * Text from a mini-program on the developer's terminal. Apps choose what they log, throw, render,
 * name their files and write in their sources; printed raw, a string could move the cursor, erase
 * or forge lines (`\r`, `ESC [ … A`), plant a hyperlink (OSC 8), set the window title, or reorder
 * what is shown (bidi overrides). Every place in `mpk run`, `mpk dev`, `mpk build`/`check` and the
 * test harness that prints app-provided text passes it through `terminalText` (or
 * `terminalDiagnostic`) first: control characters become visible escapes (`\x1b`, `\r`, `\u202e`).
 * `mpk test` prints what vitest reports (assertion diffs show app strings), so its output goes
 * through `terminalStream`, which keeps only the colours vitest itself uses.
 */
import { Writable } from 'node:stream';
import type { Diagnostic } from '@mpk/compiler';

/** C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, the Unicode line separators. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const CONTROLS_AND_NEWLINES = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u001b': '\\x1b', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export interface TerminalTextOptions {
  /** Keep line breaks (a stack, rendered HTML, a code frame); default true. `false` for one-line fields (a message in a header). */
  multiline?: boolean;
}

/** `value` as text that cannot drive the terminal: every control character shown as an escape. */
export function terminalText(value: unknown, options: TerminalTextOptions = {}): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : String(value);
  } catch {
    text = '[unprintable]';
  }
  return text.replace(options.multiline === false ? CONTROLS_AND_NEWLINES : CONTROLS, visible);
}

/**
 * A diagnostic whose app-provided parts (message, file, code frame, anything else textual) are
 * terminal-safe, for `formatDiagnostic` (which may add colours of its own afterwards).
 */
export function terminalDiagnostic<D extends Diagnostic>(diagnostic: D): D {
  const out = { ...diagnostic } as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string') out[key] = terminalText(value, { multiline: key === 'frame' });
  }
  return out as unknown as D;
}

/** SGR (colour and emphasis) sequences with the parameters test reporters use: the only escapes `terminalStream` lets through. */
const SGR = /\u001b\[([0-9;]*)m/y;
const SAFE_SGR = new Set([0, 1, 2, 3, 4, 7, 21, 22, 23, 24, 27, 39, 49]);

function safeSgr(params: string): boolean {
  if (params === '') return true;
  const codes = params.split(';').map(Number);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (SAFE_SGR.has(code) || (code >= 30 && code <= 37) || (code >= 40 && code <= 47) || (code >= 90 && code <= 97) || (code >= 100 && code <= 107)) continue;
    if ((code === 38 || code === 48) && codes[i + 1] === 5 && codes[i + 2] !== undefined) {
      i += 2;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * Text for a stream that mixes a tool's own colouring with app strings (vitest's report): colour
 * sequences are kept, every other control character is escaped (no cursor movement, no erasing,
 * no carriage return, no OSC hyperlink or title, no bidi override).
 */
export function terminalReport(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const code = ch.charCodeAt(0);
    const control = (code < 0x20 && ch !== '\n' && ch !== '\t') || (code >= 0x7f && code <= 0x9f) || code === 0x061c || code === 0x200e || code === 0x200f ||
      (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069) || code === 0x2028 || code === 0x2029;
    if (!control) continue;
    out += text.slice(from, i);
    if (ch === '\u001b') {
      SGR.lastIndex = i;
      const sgr = SGR.exec(text);
      if (sgr && safeSgr(sgr[1]!)) {
        out += sgr[0];
        i += sgr[0].length - 1;
        from = i + 1;
        continue;
      }
    }
    out += visible(ch);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A writable that forwards to `write` what `terminalReport` leaves of each chunk. */
export function terminalStream(write: (text: string) => void): Writable {
  return new Writable({
    decodeStrings: false,
    write(chunk: unknown, _encoding, done) {
      try {
        write(terminalReport(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8')));
        done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
}
