/**
 * Pickers, the image viewer and the update manager as a mini-program sees them (docs: 基础API/界面/
 * 选择日期/my.datePicker — 11 用户取消操作; 级联选择/my.multiLevelSelect — { success, result }, 2 参数无效;
 * 选项选择器/my.optionsSelect — empty strings when cancelled; 选择城市/my.regionPicker — 11, 10001;
 * my.chooseCity — 11, ChooseCityTask.onLocatedComplete / setLocatedCity; 多媒体/图片/my.previewImage — 2;
 * 更新管理/my.getUpdateManager — onCheckForUpdate / onUpdateReady / onUpdateFailed / applyUpdate), in a real
 * container running a compiled app through the author test harness, whose scripted pickers answer.
 * Without the adapters every one of them exists on my, canIUse is false and calls answer error 1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, driverAppJs, evalInApp, payload } from '../support/driver.ts';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

const NAMES = ['datePicker', 'multiLevelSelect', 'optionsSelect', 'regionPicker', 'chooseCity', 'previewImage', 'getUpdateManager'];

const extra = `
  can() { return ${JSON.stringify(NAMES)}.map((n) => n + '=' + (typeof my[n]) + ':' + my.canIUse(n)); },
  city() {
    const task = my.chooseCity({ showLocatedCity: true, setLocatedCity: true,
      success: (res) => console.log('city.success ' + JSON.stringify(res)), fail: (e) => console.log('city.fail ' + JSON.stringify(e)) });
    task.onLocatedComplete((res) => {
      console.log('city.located ' + JSON.stringify(res));
      task.setLocatedCity({ locatedCityId: res.locatedCityId, locatedCityName: '余杭' }).then((r) => console.log('city.renamed ' + JSON.stringify(r)));
    });
    return typeof task.then + ' ' + typeof task.setLocatedCity;
  },
  cityAppWide() {
    // The older app-wide forms (docs: my.onLocatedComplete, my.setLocatedCity).
    my.onLocatedComplete((res) => {
      console.log('wide.located ' + res.locatedCityId);
      my.setLocatedCity({ locatedCityId: 'wrong', locatedCityName: 'x', fail: (e) => console.log('wide.mismatch ' + e.error) });
      my.setLocatedCity({ locatedCityId: res.locatedCityId, locatedCityName: '西湖', success: (r) => console.log('wide.renamed ' + r.locatedCityName) });
    });
    my.chooseCity({ showLocatedCity: true, setLocatedCity: true, success: (res) => console.log('wide.success ' + res.city) });
    return 'ok';
  },
  updates() {
    const manager = my.getUpdateManager();
    manager.onCheckForUpdate((res) => console.log('update.check ' + JSON.stringify(res)));
    manager.onUpdateReady(() => {
      console.log('update.ready');
      manager.applyUpdate().then(() => console.log('update.applied'), (e) => console.log('update.apply.fail ' + e.error));
    });
    manager.onUpdateFailed(() => console.log('update.failed'));
    return [manager === my.getUpdateManager(), typeof manager.applyUpdate];
  },`;

const files = () => ({ 'app.js': driverAppJs(extra), ...page('pages/index/index', { axml: '<view>pickers</view>' }) });

function linesSince(lines: string[], before: number, prefix: string): string[] {
  return lines.slice(before).filter((l) => l.startsWith(prefix));
}

describe('pickers answered by the host (the harness scripts the user)', () => {
  it('exist with canIUse true', async () => {
    const app = await launchProject(files());
    expect(await evalInApp(app, 'can')).toEqual(NAMES.map((n) => `${n}=function:true`));
  });

  it('my.datePicker: the scripted date, the request as the host saw it, 11 on cancel, 2 for an unknown format', async () => {
    const app = await launchProject(files(), { pickers: { datePicker: '2016-10-12' } });
    const [success, complete] = await callApi(app, 'datePicker', { currentDate: '2016-10-10', startDate: '2016-10-9', endDate: '2017-10-9' });
    expect(success).toBe('success {"date":"2016-10-12"}');
    expect(payload(complete)).toEqual({ date: '2016-10-12' });
    expect(app.pickers.callsOf('datePicker')).toEqual([{ format: 'yyyy-MM-dd', currentDate: '2016-10-10', startDate: '2016-10-9', endDate: '2017-10-9' }]);
    // A bound in another format does not apply (docs); HH:mm answers from currentDate by default.
    app.pickers.answers.datePicker = undefined;
    expect(payload((await callApi(app, 'datePicker', { format: 'HH:mm', currentDate: '12:12', startDate: '2016-10-9' }, 'promise'))[0])).toEqual({ date: '12:12' });
    expect(app.pickers.callsOf('datePicker')[1]).toEqual({ format: 'HH:mm', currentDate: '12:12' });
    app.pickers.answers.datePicker = null;
    expect(payload((await callApi(app, 'datePicker', {}))[0])).toMatchObject({ error: 11, errorMessage: expect.stringContaining('用户取消操作') });
    expect(await callApi(app, 'datePicker', {}, 'promise')).toEqual([expect.stringMatching(/^catch \{"error":11,/)]);
    expect(payload((await callApi(app, 'datePicker', { format: 'dd/MM' }))[0])).toMatchObject({ error: 2 });
    // A picker answer outside the range is the host's bug: 3, never a wrong date.
    app.pickers.answers.datePicker = '2020-01-01';
    expect(payload((await callApi(app, 'datePicker', { startDate: '2016-10-09', endDate: '2017-10-09' }))[0])).toMatchObject({ error: 3 });
  });

  it('my.multiLevelSelect: the chosen path, only name/subList reach the host, success false on cancel, 2 for a bad list', async () => {
    const list = [
      { id: 300, name: '杭州市', subList: [{ name: '西湖区', subList: [{ name: '古翠街道' }, { name: '文新街道' }] }, { name: '上城区' }] },
      { name: '北京市', subList: [{ name: '东城区' }] },
    ];
    const app = await launchProject(files(), { pickers: { multiLevelSelect: ['杭州市', '西湖区', '文新街道'] } });
    expect(payload((await callApi(app, 'multiLevelSelect', { title: '多级联选择器', list }))[0])).toEqual({
      success: true,
      result: [{ name: '杭州市' }, { name: '西湖区' }, { name: '文新街道' }],
    });
    const asked = app.pickers.callsOf('multiLevelSelect')[0] as { title: string; list: Array<Record<string, unknown>> };
    expect(asked.title).toBe('多级联选择器');
    expect(asked.list[0]).not.toHaveProperty('id');
    app.pickers.answers.multiLevelSelect = undefined; // the first item at every level
    expect(payload((await callApi(app, 'multiLevelSelect', { list }))[0]).result).toEqual([{ name: '杭州市' }, { name: '西湖区' }, { name: '古翠街道' }]);
    app.pickers.answers.multiLevelSelect = null;
    expect(await callApi(app, 'multiLevelSelect', { list })).toEqual(['success {"success":false,"result":[]}', 'complete {"success":false,"result":[]}']);
    expect(payload((await callApi(app, 'multiLevelSelect', { list: [{ title: 'no name' }] }))[0])).toMatchObject({ error: 2 });
    expect(payload((await callApi(app, 'multiLevelSelect', {}))[0])).toMatchObject({ error: 2 });
  });

  it('my.optionsSelect: indexes and options, defaults as documented, empty strings on cancel', async () => {
    const app = await launchProject(files(), { pickers: { optionsSelect: { selectedOneIndex: 1, selectedTwoIndex: 5 } } });
    const args = { title: '出生年月选择', optionsOne: ['2014年', '2013年', '2012年'], optionsTwo: ['一月', '二月', '三月', '四月', '五月', '六月'], selectedOneIndex: 2 };
    expect(payload((await callApi(app, 'optionsSelect', args))[0])).toEqual({ selectedOneIndex: 1, selectedOneOption: '2013年', selectedTwoIndex: 5, selectedTwoOption: '六月' });
    expect(app.pickers.callsOf('optionsSelect')[0]).toMatchObject({ selectedOneIndex: 2, selectedTwoIndex: 0, positiveString: '确定', negativeString: '取消' });
    app.pickers.answers.optionsSelect = undefined;
    expect(payload((await callApi(app, 'optionsSelect', { optionsOne: ['每周一', '每周二', '每周三'], selectedOneIndex: 2 }))[0])).toEqual({ selectedOneIndex: 2, selectedOneOption: '每周三' });
    app.pickers.answers.optionsSelect = null;
    expect(payload((await callApi(app, 'optionsSelect', { optionsOne: ['a'] }))[0])).toEqual({ selectedOneIndex: '', selectedOneOption: '' });
    expect(payload((await callApi(app, 'optionsSelect', { optionsOne: [] }))[0])).toMatchObject({ error: 2 });
  });

  it('my.regionPicker: names and ids, mergeOptions passed to the host, 11 on cancel, 10001 when nothing was chosen', async () => {
    const app = await launchProject(files());
    const mergeOptions = { remove: [{ id: '330000' }] };
    expect(payload((await callApi(app, 'regionPicker', { title: '地区', mergeOptions, selectedItem: ['浙江省'] }))[0])).toEqual({
      data: ['浙江省', '杭州市', '西湖区'],
      code: ['330000', '330100', '330106'],
    });
    expect(app.pickers.callsOf('regionPicker')).toEqual([{ title: '地区', mergeOptions, selectedItem: ['浙江省'] }]);
    app.pickers.answers.regionPicker = null;
    expect(payload((await callApi(app, 'regionPicker', {}))[0])).toMatchObject({ error: 11 });
    app.pickers.answers.regionPicker = { data: [], code: [] };
    expect(payload((await callApi(app, 'regionPicker', {}))[0])).toMatchObject({ error: 10001 });
  });

  it('my.chooseCity: the city, a ChooseCityTask (onLocatedComplete, setLocatedCity), 11 on cancel', async () => {
    const cities = [{ city: '朝阳区', adCode: '110105', spell: 'chaoyang' }, { city: '海淀区', adCode: '110108', spell: 'haidian' }];
    const app = await launchProject(files(), { pickers: { located: { longitude: 120.1, latitude: 30.2, locatedCityId: '330100' } } });
    expect(payload((await callApi(app, 'chooseCity', { cities }))[0])).toEqual({ city: '朝阳区', adCode: '110105' });
    expect(app.pickers.callsOf('chooseCity')[0]).toEqual({ showLocatedCity: false, showHotCities: true, setLocatedCity: false, cities });
    const before = logLines(app).length;
    expect(await evalInApp(app, 'city')).toBe('function function');
    await app.session.container.waitForIdle();
    const lines = logLines(app);
    expect(linesSince(lines, before, 'city.')).toEqual([
      'city.located {"longitude":120.1,"latitude":30.2,"locatedCityId":"330100"}',
      'city.renamed {"locatedCityName":"余杭"}',
      'city.success {"city":"杭州市","adCode":"330100"}',
    ]);
    expect(app.pickers.callsOf('setLocatedCity')).toEqual([{ locatedCityId: '330100', locatedCityName: '余杭' }]);
    app.pickers.answers.chooseCity = null;
    expect(payload((await callApi(app, 'chooseCity', {}))[0])).toMatchObject({ error: 11 });
    expect(payload((await callApi(app, 'chooseCity', { cities: [{ city: 'x' }] }))[0])).toMatchObject({ error: 2 });
  });

  it('my.onLocatedComplete / my.setLocatedCity: the app-wide forms rename the open picker\'s located city (13 for another id, 12 without one)', async () => {
    const app = await launchProject(files(), { pickers: { located: { longitude: 120.1, latitude: 30.2, locatedCityId: '330100' } } });
    expect(payload((await callApi(app, 'setLocatedCity', { locatedCityId: '330100', locatedCityName: 'x' }))[0])).toMatchObject({ error: 13 }); // no picker open
    const before = logLines(app).length;
    expect(await evalInApp(app, 'cityAppWide')).toBe('ok');
    await app.session.container.waitForIdle();
    expect(linesSince(logLines(app), before, 'wide.')).toEqual(['wide.located 330100', 'wide.mismatch 13', 'wide.renamed 西湖', 'wide.success 杭州市']);
    expect(app.pickers.callsOf('setLocatedCity')).toEqual([{ locatedCityId: '330100', locatedCityName: '西湖' }]);
    expect(payload((await callApi(app, 'setLocatedCity', { locatedCityName: 'x' }))[0])).toMatchObject({ error: 2 });
  });

  it('my.previewImage: shown by the host; 2 for an empty list, a non-http URL or an index outside urls', async () => {
    const app = await launchProject(files());
    const urls = ['https://img.example.com/a.jpg', 'https://img.example.com/b.jpg', 'https://resource/apml1.image'];
    expect(await callApi(app, 'previewImage', { urls, current: 2, enablesavephoto: true })).toEqual(['success {}', 'complete {}']);
    expect(app.pickers.callsOf('previewImage')).toEqual([{ urls, current: 2, enablesavephoto: true, enableShowPhotoDownload: false }]);
    expect(payload((await callApi(app, 'previewImage', { urls: [] }))[0])).toMatchObject({ error: 2 });
    expect(payload((await callApi(app, 'previewImage', { urls: ['ftp://x/a.jpg'] }))[0])).toMatchObject({ error: 2, errorMessage: expect.stringContaining('只支持 http/https 图片链接') });
    expect(payload((await callApi(app, 'previewImage', { urls, current: 3 }))[0])).toMatchObject({ error: 2 });
    expect(payload((await callApi(app, 'previewImage', {}))[0])).toMatchObject({ error: 2 });
    expect(app.pickers.callsOf('previewImage')).toHaveLength(1);
  });
});

describe('my.getUpdateManager', () => {
  it('hears the host\'s update check, ready and failure; applyUpdate reaches host.updates', async () => {
    const app = await launchProject(files());
    const before = logLines(app).length;
    expect(await evalInApp(app, 'updates')).toEqual([true, 'function']);
    await app.checkForUpdate(true);
    await app.updateFailed();
    await app.updateReady();
    expect(linesSince(logLines(app), before, 'update.')).toEqual(['update.check {"hasUpdate":true}', 'update.failed', 'update.ready', 'update.applied']);
    expect(app.updates.applied).toEqual([{ appId: app.session.container.appId, page: { id: expect.any(Number), route: 'pages/index/index' } }]);
  });
});

describe('without host.pickers and host.updates', () => {
  it('every name exists on my, canIUse is false, calls answer 1 and the UpdateManager is inert', async () => {
    const app = await launchProject(files(), { host: { pickers: undefined, updates: undefined } });
    expect(await evalInApp(app, 'can')).toEqual(NAMES.map((n) => `${n}=function:false`));
    for (const [api, args] of [['datePicker', {}], ['optionsSelect', { optionsOne: ['a'] }], ['chooseCity', {}], ['previewImage', { urls: [] }]] as const) {
      const [fail] = await callApi(app, api, args);
      expect([api, payload(fail)]).toEqual([api, { error: 1, errorMessage: `${api}: not supported on this host (canIUse is false)` }]);
    }
    const before = logLines(app).length;
    expect(await evalInApp(app, 'updates')).toEqual([false, 'function']);
    await app.updateReady();
    expect(linesSince(logLines(app), before, 'update.')).toEqual([]);
  });
});
