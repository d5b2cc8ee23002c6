/** The README's code tables are the documentation of record: they must match the code lists. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { SJS_CODES } from '../../src/sjs/index.ts';
import { TEMPLATE_CODES } from '../../src/template/index.ts';

it('documents every template, expression and SJS code in the README, with why it has its severity', () => {
  // Each row's code cell starts with its anchor (`<a id="mpk2001"></a>MPK2001`, checked in diagnostics.test.ts).
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8').replace(/<a id="mpk\d{4}"><\/a>/g, '');
  for (const c of [...TEMPLATE_CODES, ...SJS_CODES]) {
    const esc = (text: string) => text.replace(/\|/g, '\\|');
    expect(c.why.length, c.code).toBeGreaterThan(10);
    expect(readme).toContain(`| ${c.code} | ${c.severity} | ${esc(c.description)} | ${esc(c.why)} |`);
  }
});
