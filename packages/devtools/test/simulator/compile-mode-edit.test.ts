/** Writing compile modes into mini.project.json: only the entry's text changes; bad input and files outside the project are refused. */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CompileModeRefused, saveCompileMode } from '../../src/project/compile-mode-edit.ts';

const dirs: string[] = [];
const project = (config?: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mpk-modes-'));
  dirs.push(dir);
  if (config !== undefined) writeFileSync(path.join(dir, 'mini.project.json'), config);
  return dir;
};
const read = (dir: string) => readFileSync(path.join(dir, 'mini.project.json'), 'utf8');
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof CompileModeRefused) return error.detail.code;
    throw error;
  }
  return undefined;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

// As the Alipay IDE writes it: 4-space indent, keys in its order.
const IDE_FILE = `{
    "enableAppxNg": true,
    "component2": true,
    "condition": {
        "miniprogram": {
            "list": [
                {
                    "name": "login",
                    "pathName": "pages/login/login",
                    "query": "",
                    "scene": null,
                    "launchMode": "default"
                }
            ],
            "current": 0
        }
    },
    "format": 2
}
`;

describe('saveCompileMode', () => {
  it('appends a new mode in the file’s own indentation, leaving every other byte as it was', () => {
    const dir = project(IDE_FILE);
    const { modes, saved } = saveCompileMode(dir, { name: 'detail', page: '/pages/detail/detail', query: 'id=7', scene: '1011' });
    expect(saved).toBe('detail');
    expect(modes.map((m) => [m.name, m.page, m.pageQuery, m.scene])).toEqual([['login', 'pages/login/login', {}, undefined], ['detail', 'pages/detail/detail', { id: '7' }, 1011]]);
    const after = read(dir);
    const cut = IDE_FILE.indexOf('                }\n            ],') + '                }'.length;
    expect(after.slice(0, cut)).toBe(IDE_FILE.slice(0, cut));
    expect(after.endsWith(IDE_FILE.slice(cut + 1))).toBe(true);
    expect(after).toContain(',\n                {\n                    "name": "detail",\n                    "pathName": "pages/detail/detail",');
  });

  it('edits a mode in place, keeping the keys the form does not show', () => {
    const dir = project(IDE_FILE);
    saveCompileMode(dir, { name: 'sign in', page: 'pages/login/login', query: 'from=ad', launchQuery: 'channel=x' }, { previous: 'login' });
    const list = JSON.parse(read(dir)).condition.miniprogram.list;
    expect(list).toEqual([{ name: 'sign in', pathName: 'pages/login/login', query: 'from=ad', scene: null, launchMode: 'default', launchQuery: 'channel=x' }]);
    expect(JSON.parse(read(dir)).condition.miniprogram.current).toBe(0);
  });

  it('creates the list (and the file) when there is none', () => {
    const dir = project();
    saveCompileMode(dir, { name: 'a', page: 'pages/a/a' });
    expect(JSON.parse(read(dir))).toEqual({ condition: { miniprogram: { list: [{ name: 'a', pathName: 'pages/a/a', query: '', scene: null, launchMode: 'default' }] } } });
  });

  it('refuses input it cannot use, with a code, and leaves the file alone', () => {
    const dir = project(IDE_FILE);
    const pages = ['pages/login/login', 'pages/detail/detail'];
    expect(codeOf(() => saveCompileMode(dir, { name: ' ', page: 'pages/login/login' }))).toBe('MODE_NAME');
    expect(codeOf(() => saveCompileMode(dir, { name: 'login', page: 'pages/login/login' }))).toBe('MODE_DUPLICATE');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/../../x' }))).toBe('MODE_PAGE');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/other/other' }, { pages }))).toBe('MODE_PAGE');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/login/login', scene: 1.5 }))).toBe('MODE_SCENE');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/login/login', query: 'a\u0000b' }))).toBe('MODE_QUERY');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/login/login', referrerInfo: { extraData: { a: 1 } } }))).toBe('MODE_REFERRER');
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/login/login' }, { previous: 'gone' }))).toBe('MODE_NOT_FOUND');
    expect(read(dir)).toBe(IDE_FILE);
    const broken = project('{ "format": 2, ');
    expect(codeOf(() => saveCompileMode(broken, { name: 'x', page: 'pages/a/a' }))).toBe('MODE_FILE');
    expect(read(broken)).toBe('{ "format": 2, ');
  });

  it('refuses a mini.project.json that is a link out of the project', () => {
    const outside = project(IDE_FILE);
    const dir = project();
    symlinkSync(path.join(outside, 'mini.project.json'), path.join(dir, 'mini.project.json'));
    expect(codeOf(() => saveCompileMode(dir, { name: 'x', page: 'pages/a/a' }))).toBe('MODE_FILE');
    expect(read(outside)).toBe(IDE_FILE);
  });
});
