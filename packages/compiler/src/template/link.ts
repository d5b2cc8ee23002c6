/**
 * linkViewForm: template units + SJS modules of one package part → its view form (view.json).
 *
 * Output order is fixed (units and modules sorted by file, entries by id), so the same input
 * always gives the same bytes. Expression source spans are left out: the runtime does not need
 * them, and the form stays small.
 */
import { VIEW_FORM_VERSION, type ViewForm } from '@mpk/runtime/view-form';
import type { CompiledSjsModule } from '../sjs/compile.ts';
import { emptyUnitForm } from './analyze.ts';
import type { CompiledTemplateFile } from './compile.ts';

export interface LinkInput {
  /** Pages and components of one package part: template id (e.g. `pages/index/index`) → its .axml file. */
  entries: Array<{ id: string; file: string }>;
  /** Every compiled template unit the entries need (entries' own files + their templateDeps, transitively). */
  templates: CompiledTemplateFile[];
  /** Every compiled SJS module they need (transitively). */
  sjs: CompiledSjsModule[];
}

function byFile<T extends { file: string }>(items: T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(item.file)) seen.set(item.file, item);
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The view form of one package part. */
export function linkViewForm(input: LinkInput): ViewForm {
  const units = byFile(input.templates ?? []).map((u) => u.form);
  const sjs = byFile(input.sjs ?? []).flatMap((m) => (m.form ? [m.form] : []));
  const entries = [...new Map((input.entries ?? []).map((e) => [e.id, e.file])).entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  // An entry whose unit is missing (a caller's placeholder for a failed compile) renders nothing.
  const files = new Set(units.map((u) => u.file));
  for (const [, file] of entries) {
    if (!files.has(file)) {
      files.add(file);
      units.push(emptyUnitForm(file));
    }
  }
  units.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { format: VIEW_FORM_VERSION, entries, units, sjs };
}

/** view.json: the form as JSON, without source spans. */
export function serializeViewForm(form: ViewForm): string {
  return JSON.stringify(form, (key, value) => (key === 'start' || key === 'end' ? undefined : value));
}

/** linkViewForm + serializeViewForm. */
export function linkViewModule(input: LinkInput): string {
  return serializeViewForm(linkViewForm(input));
}
