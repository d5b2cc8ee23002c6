/**
 * The picker and update-manager declarations at the registry (docs: 基础API/界面/选择日期, 级联选择,
 * 选项选择器, 选择城市; 多媒体/图片/my.previewImage; 更新管理): `available(host)` turns them into
 * not-supported declarations for a host without the adapter, init lists them accordingly, the
 * adapter sees checked arguments, and the generated types cover them.
 */
import { describe, expect, it } from 'vitest';
import { builtinApis, createHeadlessPickers, createHeadlessUpdates, generateApiTypes } from '../../src/jsapi/index.ts';
import { harness, ok } from './helpers.ts';

const PICKERS = ['datePicker', 'multiLevelSelect', 'optionsSelect', 'regionPicker', 'chooseCity', 'previewImage'];

describe('pickers and the update manager at the registry', () => {
  it('are not supported without host.pickers / host.updates: init says so, calls answer 1', async () => {
    const h = harness();
    const descriptors = new Map(h.jsapi.descriptors().map((d) => [d.name, d]));
    for (const name of PICKERS) expect([name, descriptors.get(name)?.unsupported]).toEqual([name, true]);
    expect(descriptors.get('getUpdateManager')).toMatchObject({ unsupported: true, object: { type: 'UpdateManager' } });
    expect(descriptors.has('UpdateManager.applyUpdate')).toBe(true);
    expect(await h.call('datePicker', {})).toMatchObject({ ok: false, error: { error: 1 } });
    expect(await h.call('UpdateManager.applyUpdate', {})).toMatchObject({ ok: false, error: { error: 1 } });
  });

  it('a host with only some picker methods supports only those', () => {
    const h = harness({ pickers: { datePicker: () => '2020-01-01' } });
    const descriptors = new Map(h.jsapi.descriptors().map((d) => [d.name, d]));
    expect(descriptors.get('datePicker')).not.toHaveProperty('unsupported');
    expect(descriptors.get('datePicker')!.params).toEqual(expect.arrayContaining(['format', 'format.yyyy-MM', 'currentDate']));
    expect(descriptors.get('optionsSelect')?.unsupported).toBe(true);
  });

  it('hand the adapter checked arguments with defaults; chooseCity is a task with setLocatedCity and LocatedComplete', async () => {
    const pickers = createHeadlessPickers();
    const updates = createHeadlessUpdates();
    const h = harness({ pickers, updates });
    expect(ok(await h.call('optionsSelect', { optionsOne: ['a', 'b'], selectedOneIndex: 7 }))).toEqual({ selectedOneIndex: 0, selectedOneOption: 'a' });
    expect(pickers.callsOf('optionsSelect')).toEqual([{ optionsOne: ['a', 'b'], selectedOneIndex: 0, selectedTwoIndex: 0, positiveString: '确定', negativeString: '取消' }]);
    const chooseCity = h.jsapi.descriptors().find((d) => d.name === 'chooseCity')!;
    expect(chooseCity.task).toEqual({ methods: ['setLocatedCity'], events: ['LocatedComplete'] });
    expect(ok(await h.call('UpdateManager.applyUpdate', {}))).toEqual({});
    expect(updates.applied).toEqual([{ appId: 'test-app', page: { id: 7, route: 'pages/index/index' } }]);
  });

  it('are typed from the declarations', () => {
    const types = generateApiTypes(builtinApis());
    expect(types).toMatch(/function datePicker\(/);
    expect(types).toMatch(/"yyyy-MM-dd" \| "HH:mm"/);
    expect(types).toMatch(/The UpdateManager my\.getUpdateManager returns[\s\S]*applyUpdate\(/);
  });
});
