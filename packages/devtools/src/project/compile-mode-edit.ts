/**
 * Adding and editing compile modes (the simulator's mode form → the dev server → here): the input
 * is checked field by field, then written into the project's own `mini.project.json` →
 * `condition.miniprogram.list` — only that entry's text changes (`editJsonText`), so the rest of
 * the file, its key order and indentation stay as the author or the IDE left them. Keys of an
 * edited entry that the form does not show (`launchMode`, the IDE's own) are kept.
 */
import { existsSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { editJsonText } from '@mpk/compiler';
import type { CompileModeError } from './compile-mode.ts';
import { readCompileModes, type CompileMode } from './compile-modes.ts';

export type { CompileModeError, CompileModeInput } from './compile-mode.ts';

export class CompileModeRefused extends Error {
  constructor(readonly detail: CompileModeError) {
    super(detail.message);
  }
}

const MAX_TEXT = 2048;
const MAX_EXTRA_DATA = 8 * 1024;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const PAGE = /^[A-Za-z0-9_\-@]+(?:\/[A-Za-z0-9_\-@.]+)*$/;

function refuse(code: CompileModeError['code'], field: string | undefined, message: string): never {
  throw new CompileModeRefused({ code, ...(field ? { field } : {}), message });
}

function text(value: unknown, field: string, code: CompileModeError['code']): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') refuse(code, field, `${field} must be a string`);
  if (value.length > MAX_TEXT) refuse(code, field, `${field} is longer than ${MAX_TEXT} characters`);
  if (CONTROL.test(value)) refuse(code, field, `${field} contains a control character`);
  return value.trim();
}

/** A checked mode entry as mini.project.json keeps it (`pages` known: the page must be one of them). */
export function checkModeInput(raw: unknown, pages?: readonly string[]): Record<string, unknown> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) refuse('MODE_INPUT', undefined, 'the mode must be an object');
  const input = raw as Record<string, unknown>;
  const name = text(input.name, 'name', 'MODE_NAME');
  if (name === '') refuse('MODE_NAME', 'name', 'the mode needs a name');
  if (name.length > 64) refuse('MODE_NAME', 'name', 'the name is longer than 64 characters');
  const page = text(input.page, 'page', 'MODE_PAGE').replace(/^\/+/, '');
  if (page === '') refuse('MODE_PAGE', 'page', 'the mode needs a page to open');
  if (!PAGE.test(page) || page.split('/').some((s) => s === '.' || s === '..')) refuse('MODE_PAGE', 'page', `${JSON.stringify(page)} is not a page path (pages/index/index)`);
  if (pages && !pages.includes(page)) refuse('MODE_PAGE', 'page', `${page} is not a page of the app (app.json pages or subPackages)`);
  const query = text(input.query, 'query', 'MODE_QUERY').replace(/^\?/, '');
  const launchQuery = text(input.launchQuery, 'launchQuery', 'MODE_QUERY').replace(/^\?/, '');
  let scene: number | null = null;
  if (input.scene !== undefined && input.scene !== null && input.scene !== '') {
    scene = Number(input.scene);
    if (!Number.isInteger(scene) || scene < 0 || scene > 99999) refuse('MODE_SCENE', 'scene', `scene ${JSON.stringify(input.scene)} is not a scene number (0–99999, e.g. 1011)`);
  }
  const entry: Record<string, unknown> = { name, pathName: page, query, scene };
  if (launchQuery) entry.launchQuery = launchQuery;
  const referrer = input.referrerInfo;
  if (referrer !== undefined && referrer !== null) {
    if (typeof referrer !== 'object' || Array.isArray(referrer)) refuse('MODE_REFERRER', 'referrerInfo', 'referrerInfo must be { appId, extraData }');
    const { appId: rawAppId, extraData } = referrer as Record<string, unknown>;
    const appId = text(rawAppId, 'referrerAppId', 'MODE_REFERRER');
    if (appId && !/^[A-Za-z0-9_-]{1,64}$/.test(appId)) refuse('MODE_REFERRER', 'referrerAppId', `appId ${JSON.stringify(appId)} is not an app id (letters, digits, _ and -)`);
    const hasExtra = extraData !== undefined && extraData !== null && !(typeof extraData === 'object' && Object.keys(extraData).length === 0);
    if (hasExtra && (typeof extraData !== 'object' || Array.isArray(extraData))) refuse('MODE_REFERRER', 'referrerExtraData', 'extraData must be a JSON object');
    if (hasExtra && JSON.stringify(extraData).length > MAX_EXTRA_DATA) refuse('MODE_REFERRER', 'referrerExtraData', `extraData is larger than ${MAX_EXTRA_DATA / 1024} KB`);
    if (hasExtra && !appId) refuse('MODE_REFERRER', 'referrerAppId', 'extraData needs the appId of the app that sends it');
    if (appId) entry.referrerInfo = { appId, ...(hasExtra ? { extraData } : {}) };
  }
  return entry;
}

/** mini.project.json of `project`, refused when it resolves outside the project (a symlink out). */
function configFile(project: string): string {
  const root = realpathSync(project);
  const file = path.join(root, 'mini.project.json');
  if (existsSync(file)) {
    const real = realpathSync(file);
    if (path.dirname(real) !== root) refuse('MODE_FILE', undefined, 'mini.project.json resolves outside the project; mpk dev writes only inside it');
  }
  return file;
}

/**
 * Adds the mode (`previous` absent) or replaces the one named `previous`, in `project`'s
 * mini.project.json; returns the modes as they read now. Throws CompileModeRefused with why.
 */
export function saveCompileMode(project: string, raw: unknown, options: { previous?: string; pages?: readonly string[] } = {}): { modes: CompileMode[]; saved: string } {
  const entry = checkModeInput(raw, options.pages);
  const file = configFile(project);
  const source = existsSync(file) ? readFileSync(file, 'utf8') : '{}\n';
  let config: unknown;
  try {
    config = JSON.parse(source);
  } catch {
    refuse('MODE_FILE', undefined, 'mini.project.json is not valid JSON: fix it by hand first (it is left as it is)');
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) refuse('MODE_FILE', undefined, 'mini.project.json is not a JSON object');
  const list = (config as { condition?: { miniprogram?: { list?: unknown } } }).condition?.miniprogram?.list;
  const entries = Array.isArray(list) ? (list as unknown[]) : [];
  const nameOf = (e: unknown) => (e && typeof e === 'object' ? (e as { name?: unknown }).name : undefined);
  const index = options.previous === undefined ? -1 : entries.findIndex((e) => nameOf(e) === options.previous);
  if (options.previous !== undefined && index < 0) refuse('MODE_NOT_FOUND', 'name', `there is no mode ${JSON.stringify(options.previous)} to edit (mini.project.json changed?)`);
  if (entries.some((e, i) => i !== index && nameOf(e) === entry.name)) refuse('MODE_DUPLICATE', 'name', `a mode named ${JSON.stringify(entry.name)} exists already`);
  let next: string;
  if (index >= 0) {
    const kept = { ...(entries[index] as Record<string, unknown>) };
    // Cleared in the form: gone from the entry.
    delete kept.launchQuery;
    delete kept.referrerInfo;
    next = editJsonText(source, ['condition', 'miniprogram', 'list', index], { ...kept, ...entry });
  } else if (Array.isArray(list)) {
    next = editJsonText(source, ['condition', 'miniprogram', 'list', -1], { ...entry, launchMode: 'default' });
  } else {
    next = editJsonText(source, ['condition', 'miniprogram', 'list'], [{ ...entry, launchMode: 'default' }]);
  }
  writeFileSync(file, next);
  return { modes: readCompileModes(project).modes, saved: entry.name as string };
}
