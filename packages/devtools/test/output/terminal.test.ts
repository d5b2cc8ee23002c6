/** App-provided text on the terminal never drives it (src/output/terminal.ts). */
import { describe, expect, it } from 'vitest';
import { terminalDiagnostic, terminalReport, terminalStream, terminalText } from '../../src/output/terminal.ts';

const ESC = '\u001b';

describe('terminalText', () => {
  it('shows escape sequences, carriage returns, OSC 8 hyperlinks, C1 controls and bidi overrides as escapes', () => {
    const hostile = `ok${ESC}[2K\rmpk run: all good ${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\ \u0007\u009b31m \u202egnp.exe`;
    const safe = terminalText(hostile);
    expect(safe).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(safe).toBe('ok\\x1b[2K\\rmpk run: all good \\x1b]8;;https://evil.example\\x1b\\click\\x1b]8;;\\x1b\\ \\x07\\x9b31m \\u202egnp.exe');
  });

  it('keeps tabs and newlines unless a one-line field asks otherwise', () => {
    expect(terminalText('a\tb\nc')).toBe('a\tb\nc');
    expect(terminalText('a\nfake line', { multiline: false })).toBe('a\\nfake line');
    expect(terminalText(42)).toBe('42');
  });

  it('makes every textual field of a diagnostic safe, code frame included', () => {
    const d = terminalDiagnostic({ code: 'MPK5001', severity: 'error', message: `bad${ESC}[31m`, file: `pages/${ESC}]0;title\u0007.js`, line: 1, column: 1, frame: `> 1 | x${ESC}[2J\n    | ^` } as never) as unknown as Record<string, string>;
    expect(d.message).toBe('bad\\x1b[31m');
    expect(d.file).toBe('pages/\\x1b]0;title\\x07.js');
    expect(d.frame).toBe('> 1 | x\\x1b[2J\n    | ^');
  });
});

describe('terminalReport (mpk test: vitest’s own colours, nothing else)', () => {
  it('keeps colour sequences and escapes cursor movement, erasing, OSC, CR and conceal', () => {
    expect(terminalReport(`${ESC}[31mFAIL${ESC}[39m ${ESC}[1mname${ESC}[22m ${ESC}[38;5;12mx${ESC}[0m`)).toBe(`${ESC}[31mFAIL${ESC}[39m ${ESC}[1mname${ESC}[22m ${ESC}[38;5;12mx${ESC}[0m`);
    expect(terminalReport(`a${ESC}[1A${ESC}[2Kb\rc${ESC}]8;;u${ESC}\\d${ESC}[8mhidden`)).toBe('a\\x1b[1A\\x1b[2Kb\\rc\\x1b]8;;u\\x1b\\d\\x1b[8mhidden');
  });

  it('filters what a stream writes', async () => {
    let out = '';
    const stream = terminalStream((t) => (out += t));
    await new Promise<void>((resolve) => stream.write(`x${ESC}[2J\n`, () => resolve()));
    expect(out).toBe('x\\x1b[2J\n');
  });
});
