/**
 * ext.json of template mini-programs (docs: 开放能力API/模板配置/my.getExtConfig — `{ "extEnable": true, "ext": {...} }`
 * at the mini-program root, next to app.json) travels in the package as `manifest.ext`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { validateManifest } from '@mpk/runtime';
import { build } from '../../src/index.ts';
import { minimalApp, removeTempDirs, writeProject } from '../fixtures/support.ts';

afterAll(removeTempDirs);

describe('ext.json', () => {
  it('is read into manifest.ext (under miniprogramRoot too) and passes the runtime\'s manifest check', async () => {
    const ext = { version: '1.0.13', apiurl: 'https://api.example.com', nested: { a: [1, 2] } };
    const result = await build(writeProject(minimalApp({ 'ext.json': JSON.stringify({ extEnable: true, ext }) })), { write: false });
    expect(result.ok).toBe(true);
    expect(result.manifest!.ext).toEqual({ extEnable: true, ext });
    expect(validateManifest(result.manifest).ext).toEqual({ extEnable: true, ext });

    const files: Record<string, string> = { 'mini.project.json': '{ "miniprogramRoot": "src" }' };
    for (const [name, text] of Object.entries(minimalApp({ 'ext.json': '{ "extEnable": false, "ext": { "i": "am ok" } }' }))) files[`src/${name}`] = text;
    const nested = await build(writeProject(files), { write: false });
    expect(nested.manifest!.ext).toEqual({ extEnable: false, ext: { i: 'am ok' } });
  });

  it('is absent from the manifest without ext.json', async () => {
    const result = await build(writeProject(minimalApp()), { write: false });
    expect(result.manifest).not.toHaveProperty('ext');
  });

  it('reports invalid JSON (MPK1001) and wrong types (MPK1021), keeping what it can', async () => {
    const broken = await build(writeProject(minimalApp({ 'ext.json': '{ "extEnable": true, ' })), { write: false });
    expect(broken.diagnostics).toContainEqual(expect.objectContaining({ code: 'MPK1001', file: 'ext.json' }));
    const typed = await build(writeProject(minimalApp({ 'ext.json': '{ "extEnable": "yes", "ext": [1] }' })), { write: false });
    expect(typed.diagnostics.filter((d) => d.file === 'ext.json').map((d) => d.code)).toEqual(['MPK1021', 'MPK1021']);
    expect(typed.manifest!.ext).toEqual({ extEnable: false });
  });
});
