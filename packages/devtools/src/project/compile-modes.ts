/**
 * Compile modes: named launch configurations, kept where the Alipay IDE keeps them and real
 * projects commit them — `mini.project.json` → `condition.miniprogram.list`, each entry
 * `{ name, pathName, query, scene, launchMode }` (the IDE's 模式名称 / 启动页面 / 页面参数 /
 * 场景值; `launchQuery` is mpk's name for the IDE's 全局参数, the app's launch query). `mpk run
 * --mode <name>` and `mpk dev --mode <name>` (and the simulator's toolbar) read the same entries.
 *
 * The file is the author's, edited by hand and by the IDE: an entry that is not usable is skipped
 * with a reason, never fatal; only asking for a mode that does not exist is an error.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LaunchRequest } from '@mpk/runtime';
import type { CompileMode } from './compile-mode.ts';

export { modePath, type CompileMode } from './compile-mode.ts';

export interface CompileModes {
  modes: CompileMode[];
  /** Entries that were skipped, each with why (for a warning). */
  skipped: string[];
}

function parseQuery(value: unknown): Record<string, string> {
  if (typeof value === 'string') return Object.fromEntries(new URLSearchParams(value.replace(/^\?/, '')));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return {};
}

/** The compile modes of the project in `dir` (none when it has no mini.project.json or no list). */
export function readCompileModes(dir: string): CompileModes {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(path.join(dir, 'mini.project.json'), 'utf8'));
  } catch {
    return { modes: [], skipped: [] };
  }
  const list = (config as { condition?: { miniprogram?: { list?: unknown } } })?.condition?.miniprogram?.list;
  if (!Array.isArray(list)) return { modes: [], skipped: [] };
  const modes: CompileMode[] = [];
  const skipped: string[] = [];
  list.forEach((raw: unknown, index) => {
    const entry = (raw ?? {}) as Record<string, unknown>;
    const label = typeof entry.name === 'string' && entry.name !== '' ? JSON.stringify(entry.name) : `#${index + 1}`;
    if (typeof entry.name !== 'string' || entry.name === '') return skipped.push(`compile mode ${label}: no name`);
    if (typeof entry.pathName !== 'string' || entry.pathName.replace(/^\//, '') === '') return skipped.push(`compile mode ${label}: no pathName (the page to open)`);
    if (modes.some((m) => m.name === entry.name)) return skipped.push(`compile mode ${label}: a second mode of that name`);
    const scene = entry.scene === null || entry.scene === undefined || entry.scene === '' ? undefined : Number(entry.scene);
    if (scene !== undefined && !Number.isInteger(scene)) return skipped.push(`compile mode ${label}: scene ${JSON.stringify(entry.scene)} is not a number`);
    const [page, inlineQuery] = entry.pathName.replace(/^\//, '').split('?', 2) as [string, string | undefined];
    const referrer = entry.referrerInfo && typeof entry.referrerInfo === 'object' ? (entry.referrerInfo as LaunchRequest['referrerInfo']) : undefined;
    modes.push({
      name: entry.name,
      page,
      pageQuery: { ...parseQuery(inlineQuery ?? ''), ...parseQuery(entry.query) },
      launchQuery: parseQuery(entry.launchQuery),
      ...(scene !== undefined ? { scene } : {}),
      ...(referrer ? { referrerInfo: referrer } : {}),
    });
  });
  return { modes, skipped };
}

/** The mode named `name`, or an Error listing the ones there are. */
export function findCompileMode(dir: string, name: string): CompileMode {
  const { modes, skipped } = readCompileModes(dir);
  const mode = modes.find((m) => m.name === name);
  if (mode) return mode;
  const why = skipped.find((reason) => reason.startsWith(`compile mode ${JSON.stringify(name)}:`));
  if (why) throw new Error(`${why}, so it cannot be used`);
  const known = modes.length ? `; the project has ${modes.map((m) => JSON.stringify(m.name)).join(', ')}` : '; mini.project.json lists none (condition.miniprogram.list)';
  throw new Error(`no compile mode ${JSON.stringify(name)}${known}`);
}
