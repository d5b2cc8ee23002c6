/**
 * Corpus survey: builds every app in ../shared/corpus in memory and opens each page headless,
 * printing which pages render without error (`npx tsx test/corpus/survey.ts [app…] [--html]`).
 * A development tool; the CI assertions are in corpus.test.ts.
 */
import { corpusApps, surveyApp } from './support.ts';

const args = process.argv.slice(2);
const showHtml = args.includes('--html');
const only = args.filter((a) => !a.startsWith('--'));
let total = 0;
let good = 0;
for (const app of corpusApps()) {
  if (only.length && !only.includes(app)) continue;
  const result = await surveyApp(app);
  if (!result.built) {
    console.log(`${app}: BUILD FAILED (${result.pages.length} pages)`);
    for (const d of result.buildErrors.slice(0, 40)) console.log('   ', d);
    total += result.pages.length;
    continue;
  }
  for (const p of result.pages) {
    total++;
    if (p.errors.length === 0) good++;
    const redirected = p.shown !== p.page ? ` → ${p.shown}` : '';
    console.log(`${p.errors.length ? 'FAIL' : ' ok '} ${app}/${p.page}${redirected} text=${p.text.length}: ${p.text.slice(0, 80)}`);
    for (const e of p.errors.slice(0, 4)) console.log(`      ${e}`);
    if (showHtml) console.log(p.html);
  }
}
console.log(`\n${good} / ${total} pages render without error`);
