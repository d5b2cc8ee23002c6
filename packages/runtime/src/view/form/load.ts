/**
 * A package part's `view.json` → its `ViewModule`: parse, validate the whole form, compile its SJS
 * modules with the runtime's own SJS compiler, emit every template unit with the runtime's own
 * generator, and evaluate that — code written entirely by mpk — once, in strict mode, with the
 * host's globals shadowed as defence in depth. Nothing from the package is ever evaluated as it
 * came: a string in the form can only become a string literal, a property name or a lookup key.
 */
import { evaluateViewSource, type ViewRegistrarOptions } from '../load-view-module.ts';
import type { ViewModule } from '../../contract/view-abi.ts';
import { compileSjsFile } from '../sjs/compile.ts';
import { emitUnit } from './emit.ts';
import { PRELUDE } from './prelude.ts';
import type { ViewForm } from '../../contract/view-form.ts';
import { validateViewForm, ViewFormError } from './validate.ts';

export { ViewFormError } from './validate.ts';

export interface LoadViewFormOptions extends ViewRegistrarOptions {
  /**
   * What an SJS module that does not compile does: `refuse` (the default) refuses the whole form —
   * mpk's compiler never writes such a package — while `empty` (tools and tests that render
   * projects with errors) makes it export nothing, as the compiler's own reports describe.
   */
  sjsErrors?: 'refuse' | 'empty';
}

/** The JavaScript the runtime writes for a validated form (exported for tests and for inspection). */
export function viewSource(form: ViewForm, options: Pick<LoadViewFormOptions, 'sjsErrors'> = {}): string {
  const sources = new Map(form.sjs.map((m) => [m.file, m]));
  const host = {
    readFile: (file: string) => sources.get(file)?.source,
    resolve: (from: string, request: string) => {
      const target = sources.get(from)?.imports[request];
      return target !== undefined && sources.has(target) ? target : undefined;
    },
  };
  const modules: Array<[string, string]> = [];
  for (const m of [...form.sjs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    const compiled = compileSjsFile(m.file, host);
    const error = compiled.problems.find((p) => p.severity === 'error');
    if (error && options.sjsErrors !== 'empty') {
      throw new ViewFormError(`view.json: SJS module ${JSON.stringify(m.file)} does not compile: ${error.code} ${error.message}`);
    }
    modules.push([m.file, compiled.code]);
  }
  const units = [...form.units].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const entries = [...new Map(form.entries).entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: string[] = ['"use strict";', `const __mpkRuntime = ${PRELUDE}(__mpkView);`, 'const __mpkSjsModules = new Map(['];
  for (const [file, code] of modules) out.push(`[${JSON.stringify(file)}, ${code}],`);
  out.push(']);', 'const __mpkUnits = new Map([');
  for (const unit of units) out.push(`[${JSON.stringify(unit.file)}, ${emitUnit(unit)}],`);
  out.push(
    ']);',
    'const __mpkLinked = __mpkRuntime.link(__mpkUnits, __mpkSjsModules);',
    `__mpkView.define({ abi: 1, templates: __mpkLinked.templates(${JSON.stringify(entries)}) });`,
    '',
  );
  return out.join('\n');
}

/** Emitted sources by form text: containers of one app in one process emit once. */
const emitted = new Map<string, string>();
const EMITTED_LIMIT = 16;

/**
 * Loads a part's view form (the text of `view.json`, or the parsed object). Throws `ViewFormError`
 * for anything that is not a well-formed view form, and `ViewModuleError` if loading the emitted
 * code fails.
 */
export function loadViewForm(input: string | unknown, options: LoadViewFormOptions = {}): ViewModule {
  let text: string | undefined;
  let parsed: unknown = input;
  if (typeof input === 'string') {
    text = input;
    const cached = emitted.get(`${options.sjsErrors ?? 'refuse'}\u0000${text}`);
    if (cached !== undefined) return evaluateViewSource(cached, options);
    try {
      parsed = JSON.parse(input);
    } catch (error) {
      throw new ViewFormError(`view.json: not valid JSON: ${(error as Error).message}`);
    }
  }
  const source = viewSource(validateViewForm(parsed), options);
  if (text !== undefined) {
    if (emitted.size >= EMITTED_LIMIT) emitted.delete(emitted.keys().next().value as string);
    emitted.set(`${options.sjsErrors ?? 'refuse'}\u0000${text}`, source);
  }
  return evaluateViewSource(source, options);
}
