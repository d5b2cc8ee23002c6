import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CODES } from '../../src/diagnostics/codes.ts';
import { SJS_CODES, TEMPLATE_CODES } from '../../src/index.ts';
import { createDiagnostic, sortDiagnostics } from '../../src/diagnostics/create.ts';
import { formatDiagnostic, formatDiagnostics, formatDiagnosticsJson, summarizeDiagnostics } from '../../src/diagnostics/format.ts';
import { NO_PAGES, UNKNOWN_KEY } from '../../src/diagnostics/codes.ts';
import { allDiagnosticCodes, codeHelp } from '../../src/diagnostics/help.ts';

const RAW_README = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../../README.md'), 'utf8');
/** The README with the per-code anchors (`<a id="mpk1001"></a>` at the start of each row's code cell) taken out. */
const README = RAW_README.replace(/<a id="mpk\d{4}"><\/a>/g, '');

describe('diagnostic codes', () => {
  it('are unique, in this module’s ranges, and each has a description', () => {
    const codes = ALL_CODES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of ALL_CODES) {
      expect(c.code).toMatch(/^MPK(1\d{3}|4\d{3}|5\d{3}|6\d{3})$/);
      expect(c.description.length).toBeGreaterThan(10);
    }
    expect(codes).toEqual([...codes].sort());
  });

  it('do not collide with the template and SJS codes', () => {
    const all = [...ALL_CODES, ...TEMPLATE_CODES, ...SJS_CODES].map((c) => c.code);
    expect(new Set(all).size).toBe(all.length);
  });

  it('are all listed in the README with their severity and description', () => {
    for (const c of ALL_CODES) expect(README).toContain(`| ${c.code} | ${c.severity} | ${c.description} |`);
  });

  it('every code of codes.ts, template/codes.ts and sjs codes has a table row with its anchor, which codeHelp links to', () => {
    const all = allDiagnosticCodes();
    expect(all.length).toBe(ALL_CODES.length + TEMPLATE_CODES.length + SJS_CODES.length);
    for (const c of all) {
      const anchor = `<a id="${c.code.toLowerCase()}"></a>`;
      expect(RAW_README, c.code).toContain(`| ${anchor}${c.code} | ${c.severity} |`);
      expect(RAW_README.split(anchor).length - 1, `${c.code}: one anchor`).toBe(1);
      const help = codeHelp(c.code)!;
      expect(help.description).toBe(c.description);
      expect(help.anchor).toBe(`@mpk/compiler/README.md#${c.code.toLowerCase()}`);
      expect(help.uri).toMatch(new RegExp(`^file:///.*/README\\.md#${c.code.toLowerCase()}$`));
      expect(fs.existsSync(new URL(help.uri))).toBe(true);
    }
    expect(codeHelp('MPK0000')).toBeUndefined();
  });
});

describe('formatting', () => {
  const source = '{\n  "pages": 5\n}';
  const error = createDiagnostic(NO_PAGES, { file: 'app.json', source, offset: source.indexOf('5') }, 'pages must be an array');
  const warning = createDiagnostic(UNKNOWN_KEY, { file: '' }, 'something about the project');

  it('creates diagnostics with 1-based positions and a frame', () => {
    expect(error).toMatchObject({ code: 'MPK1030', severity: 'error', file: 'app.json', line: 2, column: 12 });
    expect(error.frame).toBe('  1 | {\n> 2 |   "pages": 5\n    |            ^\n  3 | }');
    expect(warning).toEqual({ code: 'MPK1020', severity: 'warning', file: '', line: 0, column: 0, message: 'something about the project' });
  });

  it('prints file:line:column  severity  CODE  message and the frame', () => {
    expect(formatDiagnostic(error)).toBe(
      'app.json:2:12  error  MPK1030  pages must be an array\n    1 | {\n  > 2 |   "pages": 5\n      |            ^\n    3 | }',
    );
    expect(formatDiagnostic(warning)).toBe('<project>  warning  MPK1020  something about the project');
  });

  it('colours only when asked', () => {
    expect(formatDiagnostic(error)).not.toContain('\u001b[');
    const coloured = formatDiagnostic(error, { color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(formatDiagnostic(error));
  });

  it('summarises and prints JSON', () => {
    expect(summarizeDiagnostics([])).toBe('no problems');
    expect(summarizeDiagnostics([error, warning, warning])).toBe('1 error, 2 warnings');
    expect(formatDiagnostics([error]).trimEnd().endsWith('1 error')).toBe(true);
    const json = JSON.parse(formatDiagnosticsJson([error, warning]));
    expect(json).toEqual([error, warning]);
  });

  it('sorts by file and position', () => {
    const later = { ...error, line: 9 };
    expect(sortDiagnostics([later, warning, error]).map((d) => [d.file, d.line])).toEqual([
      ['', 0],
      ['app.json', 2],
      ['app.json', 9],
    ]);
  });
});
