/**
 * `mpk check --format text|json|sarif|github|junit`: what CI reads. Paths relative to the working
 * directory or --root, start and end positions (none for a diagnostic without one), severity,
 * summary, tool name and version, help per code; SARIF validated against the SARIF 2.1.0 schema;
 * JUnit parsed by a strict XML 1.0 parser; hostile messages and file names stay inert.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@mpk/compiler';
import { main } from '../../src/cli/main.ts';
import { tempProjects, capture } from '../support.ts';
import { formatReport, type ReportContext } from '../../src/output/report.ts';

const require = createRequire(import.meta.url);
const { tmp, project } = await tempProjects('mpk-formats-');

const version = (require('../../package.json') as { version: string }).version;

/** `main` from `cwd` (INIT_CWD is what userCwd() reads first, as under pnpm). */
async function mpk(argv: string[], cwd: string) {
  const saved = process.env.INIT_CWD;
  process.env.INIT_CWD = cwd;
  try {
    const { out, io } = capture();
    const code = await main(argv, io);
    return { code, ...out };
  } finally {
    if (saved === undefined) delete process.env.INIT_CWD;
    else process.env.INIT_CWD = saved;
  }
}

/** A monorepo: the mini-program in packages/app, CI running from the repository root. */
const repo = await mkdtemp(path.join(tmp, 'repo-'));
const app = path.join(repo, 'packages/app');
for (const [file, text] of Object.entries({
  'app.json': '{ "pages": ["pages/index/index"], "debug": true }',
  'app.js': 'App({});',
  'pages/index/index.js': 'Page({});',
  'pages/index/index.axml': '<view>你好{{ a. }}</view>\n',
})) {
  await mkdir(path.dirname(path.join(app, file)), { recursive: true });
  await writeFile(path.join(app, file), text);
}

const sarifSchema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
// The schema is draft-04; its language-tag pattern is not valid with the `u` flag (hence unicodeRegExp: false).
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
// Both are CommonJS: the class and the plugin are module.exports.default.
ajvFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses with saxes (strict XML 1.0: well-formedness and the characters XML allows); throws on any error. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const el: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack[stack.length - 1]!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  return root!;
}

describe('mpk check --format json', () => {
  it('has the tool and version, a summary, paths from the working directory, start and end, help per code', async () => {
    const run = await mpk(['check', 'packages/app', '--format', 'json'], repo);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    expect(report.tool).toEqual({ name: 'mpk', version, compilerVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(report.summary).toEqual({ errors: 1, warnings: 1, files: 2 });
    const expression = report.diagnostics.find((d: { code: string }) => d.code === 'MPK2100');
    expect(expression).toMatchObject({
      severity: 'error',
      file: 'packages/app/pages/index/index.axml',
      line: 1,
      column: 13,
      endLine: 1,
      endColumn: 14,
      help: 'The `{{ }}` expression is not valid JavaScript.',
      helpAnchor: '@mpk/compiler/README.md#mpk2100',
    });
    expect(expression.helpUri).toMatch(/^file:\/\/\/.*\/README\.md#mpk2100$/);
    const unknownKey = report.diagnostics.find((d: { code: string }) => d.code === 'MPK1020');
    expect(unknownKey).toMatchObject({ severity: 'warning', file: 'packages/app/app.json', line: 1, endLine: 1 });
    // The span of the key: "debug" with its quotes.
    expect(unknownKey.endColumn - unknownKey.column).toBe('"debug"'.length);
  });

  it('--json is the same as --format json; --root changes the base of the paths', async () => {
    const json = await mpk(['check', 'packages/app', '--json'], repo);
    const format = await mpk(['check', 'packages/app', '--format', 'json'], repo);
    expect(json.stdout).toBe(format.stdout);
    const rooted = await mpk(['check', '.', '--json', '--root', '../..'], app);
    expect(JSON.parse(rooted.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual(['packages/app/app.json', 'packages/app/pages/index/index.axml']);
    const own = await mpk(['check', '.', '--json'], app);
    expect(JSON.parse(own.stdout).diagnostics.map((d: { file: string }) => d.file)).toEqual(['app.json', 'pages/index/index.axml']);
  });

  it('a missing project: no position at all (never line 0), the directory as the file', async () => {
    const run = await mpk(['check', 'nope', '--json'], repo);
    expect(run.code).toBe(1);
    const [d] = JSON.parse(run.stdout).diagnostics;
    expect(d).toMatchObject({ code: 'MPK1010', file: 'nope/' });
    expect(Object.keys(d)).not.toContain('line');
    expect(Object.keys(d)).not.toContain('column');
    expect(JSON.parse(run.stdout).summary).toEqual({ errors: 1, warnings: 0, files: 0 });
  });

  it('a clean project: exit 0, an empty list', async () => {
    const dir = await project({ 'app.json': '{ "pages": ["pages/index/index"] }', 'app.js': 'App({});', 'pages/index/index.js': 'Page({});', 'pages/index/index.axml': '<view/>' });
    const run = await mpk(['check', dir, '--format', 'json'], dir);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ summary: { errors: 0, warnings: 0, files: 0 }, diagnostics: [] });
  });

  it('refuses an unknown format and --json with another format (exit 2)', async () => {
    const bad = await mpk(['check', 'packages/app', '--format', 'xml'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format takes text, json, sarif, github, junit; got "xml"');
    const both = await mpk(['check', 'packages/app', '--json', '--format', 'sarif'], repo);
    expect(both.code).toBe(2);
    expect(both.stdout).toBe('');
  });
});

describe('mpk check --format sarif', () => {
  it('is valid SARIF 2.1.0: one run, the driver with its rules, results with regions', async () => {
    const run = await mpk(['check', 'packages/app', '--format', 'sarif'], repo);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver).toMatchObject({ name: 'mpk', version });
    const rule = driver.rules.find((r: { id: string }) => r.id === 'MPK2100');
    expect(rule).toMatchObject({
      shortDescription: { text: 'The `{{ }}` expression is not valid JavaScript.' },
      defaultConfiguration: { level: 'error' },
    });
    expect(rule.help.text).toContain('@mpk/compiler/README.md#mpk2100');
    // helpUri: absolute, the README installed with the compiler, at the code's anchor.
    const readme = fileURLToPath(rule.helpUri.replace(/#.*$/, ''));
    expect(rule.helpUri).toMatch(/^file:\/\/\/.*#mpk2100$/);
    expect((await import('node:fs')).readFileSync(readme, 'utf8')).toContain('<a id="mpk2100"></a>MPK2100');
    const result = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'MPK2100');
    expect(result).toMatchObject({
      level: 'error',
      ruleIndex: driver.rules.indexOf(rule),
      locations: [{ physicalLocation: { artifactLocation: { uri: 'packages/app/pages/index/index.axml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 13, endLine: 1, endColumn: 14 } } }],
    });
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${new URL(`file://${repo}/`).href}`);
    expect(log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'MPK1020').level).toBe('warning');
  });

  it('a missing project: a location without a region, still valid', async () => {
    const run = await mpk(['check', 'nope', '--format', 'sarif'], repo);
    const log = JSON.parse(run.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const [result] = log.runs[0].results;
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'nope/', uriBaseId: '%SRCROOT%' } });
  });

  it('a clean project: a run with no results, valid', async () => {
    const dir = await project({ 'app.json': '{ "pages": ["pages/index/index"] }', 'app.js': 'App({});', 'pages/index/index.js': 'Page({});', 'pages/index/index.axml': '<view/>' });
    const log = JSON.parse((await mpk(['check', dir, '--format', 'sarif'], dir)).stdout);
    expect(validateSarif(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('mpk check --format github', () => {
  it('prints one workflow command per diagnostic, then the summary', async () => {
    const run = await mpk(['check', 'packages/app', '--format', 'github'], repo);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      '::warning file=packages/app/app.json,line=1,col=35,endLine=1,endColumn=42,title=MPK1020::unknown key "debug" in app.json',
      expect.stringMatching(/^::error file=packages\/app\/pages\/index\/index\.axml,line=1,col=13,endLine=1,endColumn=14,title=MPK2100::\S/),
      'mpk: 1 error, 1 warning in 2 files',
      '',
    ]);
  });

  it('a missing project: an annotation without file or line', async () => {
    const run = await mpk(['check', 'nope', '--format', 'github'], repo);
    expect(run.stdout.split('\n')[0]).toMatch(/^::error title=MPK1010::nope\/: /);
  });
});

describe('mpk check --format junit', () => {
  it('one testsuite per file, a failure per error, warnings pass', async () => {
    const run = await mpk(['check', 'packages/app', '--format', 'junit'], repo);
    expect(run.code).toBe(1);
    const root = parseXml(run.stdout);
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '2', failures: '1' });
    expect(root.children.map((s) => [s.name, s.attributes.name, s.attributes.failures])).toEqual([
      ['testsuite', 'packages/app/app.json', '0'],
      ['testsuite', 'packages/app/pages/index/index.axml', '1'],
    ]);
    const failing = root.children[1]!.children[0]!;
    expect(failing.attributes.name).toBe('MPK2100 packages/app/pages/index/index.axml:1:13');
    const failure = failing.children[0]!;
    expect(failure.name).toBe('failure');
    expect(failure.attributes.type).toBe('MPK2100');
    expect(failure.text).toContain('> 1 | <view>你好{{ a. }}</view>');
    expect(root.children[0]!.children[0]!.children.map((c) => c.name)).toEqual(['system-out']);
  });

  it('a clean project: one passing test case', async () => {
    const dir = await project({ 'app.json': '{ "pages": ["pages/index/index"] }', 'app.js': 'App({});', 'pages/index/index.js': 'Page({});', 'pages/index/index.axml': '<view/>' });
    const run = await mpk(['check', dir, '--format', 'junit'], dir);
    expect(run.code).toBe(0);
    const root = parseXml(run.stdout);
    expect(root.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(root.children[0]!.children[0]!.attributes.name).toBe('no problems');
  });
});

describe('mpk check (text)', () => {
  it('paths from the working directory, the caret under the right column after Chinese text, a summary with files', async () => {
    const run = await mpk(['check', 'packages/app'], repo);
    expect(run.stdout).toContain('packages/app/pages/index/index.axml:1:13  error  MPK2100');
    // 你好 takes four columns: the caret sits under the ".".
    expect(run.stdout).toContain('  > 1 | <view>你好{{ a. }}</view>\n      |               ^');
    expect(run.stdout.trimEnd().endsWith('1 error, 1 warning in 2 files')).toBe(true);
  });
});

describe('untrusted text in every format', () => {
  // What a hostile project can put in a message, a file name and a code frame.
  const evil = 'x\r\n::error file=evil.js::forged%0A</failure>]]>&<"\'\u001b[31m\u0000\u0007\u009b2J\u202e\ud800 ,:%';
  const diagnostics: Diagnostic[] = [
    { code: 'MPK1001', severity: 'error', file: `pages/a,b:c %/${evil.replace(/\//g, '')}.json`, line: 2, column: 3, endLine: 2, endColumn: 5, message: evil, frame: `> 2 | ${evil}` },
    { code: 'MPK9999', severity: 'warning', file: 'app.json', line: 0, column: 0, message: evil },
  ];
  const context: ReportContext = { projectDir: path.join(tmp, 'proj'), base: tmp };

  it('JSON and SARIF: parse back to the same strings, with no raw control, C1 or bidi character in the output', () => {
    for (const format of ['json', 'sarif'] as const) {
      const text = formatReport(format, diagnostics, context);
      expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      const parsed = JSON.parse(text);
      if (format === 'json') expect(parsed.diagnostics[0].message).toBe(evil);
      else {
        expect(parsed.runs[0].results[0].message.text).toBe(evil);
        expect(validateSarif(parsed), JSON.stringify(validateSarif.errors)).toBe(true);
        // The file name is a percent-encoded URI reference (the lone surrogate becomes U+FFFD).
        expect(parsed.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toMatch(/^proj\/pages\/a%2Cb%3Ac%20%25\/x%0D%0A%3A%3Aerror/);
        // An unknown code still gets a rule with an absolute helpUri.
        expect(parsed.runs[0].tool.driver.rules[1]).toMatchObject({ id: 'MPK9999', helpUri: expect.stringMatching(/^file:\/\/\/.*README\.md$/) });
      }
    }
  });

  it('GitHub: one line per diagnostic; the message cannot end the command or start another', () => {
    const lines = formatReport('github', diagnostics, context).split('\n');
    expect(lines).toHaveLength(4);
    // The file name is one property: its line break shown as text, `,` and `:` escaped.
    expect(lines[0]).toMatch(/^::error file=proj\/pages\/a%2Cb%3Ac %25\/x\\r\\n%3A%3Aerror file=evil\.js%3A%3Aforged%250A/);
    // The message: the carriage return shown as text, the line break escaped as the runner wants.
    expect(lines[0]).toContain(',line=2,col=3,endLine=2,endColumn=5,title=MPK1001::x\\r%0A::error file=evil.js::forged%250A</failure>');
    // Terminal controls shown as text, never sent raw to the log viewer.
    expect(lines.join('\n')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(lines[0]).toContain('\\x1b[31m');
    // No position: no line=.
    expect(lines[1]).toMatch(/^::warning file=proj\/app\.json,title=MPK9999::/);
  });

  it('JUnit: well-formed XML 1.0 (strict parser), the text round-trips with forbidden characters made visible', () => {
    const xml = formatReport('junit', diagnostics, context);
    const root = parseXml(xml);
    const failure = root.children[0]!.children[0]!.children[0]!;
    expect(failure.attributes.message).toBe(evil.replace('\u001b', '\\x1b').replace('\u0000', '\\x00').replace('\u0007', '\\x07').replace('\ud800', '\\ud800'));
    expect(failure.text).toContain('</failure>]]>&<"\'\\x1b[31m\\x00\\x07\u009b2J\u202e');
    expect(xml).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });

  it('text: through terminalDiagnostic (no raw escape sequence, no carriage return)', () => {
    const text = formatReport('text', diagnostics, context);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(text).toContain('\\x1b[31m');
  });
});
