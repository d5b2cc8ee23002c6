/**
 * EventChannel between pages (docs: api/基础API/界面/路由/EventChannel/*.md, my.navigateTo.md,
 * my.navigateBack.md FAQ, 小程序页面/页面运行机制.md → getOpenerEventChannel): `events` listeners,
 * `res.eventChannel` in success (and the Promise result), `getOpenerEventChannel()` in the opened
 * page, emit/on/once/off both ways, emitting from navigateBack's success after the page closed,
 * `this.router.navigateTo` from a component (the pet-community corpus app's pattern): success runs
 * before the opened page's onLoad, and what is emitted before a listener exists waits for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { closeAll, component, launchProject, logCursor, page } from '../support/project.ts';

afterAll(closeAll);

describe('EventChannel', () => {
  let app: MiniApp;
  const fresh = logCursor(() => app);

  beforeAll(async () => {
    app = await launchProject({
      'app.json': { pages: ['pages/index/index', 'pages/opened/opened', 'pages/plain/plain', 'pages/details/details'] },
      ...page('pages/index/index', {
        axml: `<button id="open" onTap="open">open</button><button id="promise" onTap="openWithPromise">promise</button><button id="plain" onTap="openPlain">plain</button><button id="details" onTap="openDetails">details</button><opener-item/>`,
        js: `
Page({
  open() {
    my.navigateTo({
      url: '/pages/opened/opened?from=index',
      events: {
        openedToOpener(data) { console.log('opener got', JSON.stringify(data)); },
        bye(data) { console.log('opener got bye', data.message); },
      },
      success(res) {
        console.log('success has channel', typeof res.eventChannel.emit);
        res.eventChannel.emit('openerToOpened', { message: 'Hi Opened Page!' });
        res.eventChannel.emit('openerToOpened', { message: 'again' });
        res.eventChannel.emit('onceOnly', 1);
        res.eventChannel.emit('onceOnly', 2);
        res.eventChannel.on('late', (x) => console.log('opener late listener', x));
      },
    });
  },
  async openWithPromise() {
    const res = await my.navigateTo({ url: '/pages/plain/plain' });
    console.log('promise result has channel', typeof res.eventChannel.on);
  },
  openPlain() { my.redirectTo({ url: '/pages/plain/plain' }); },
  openDetails() { my.navigateTo({ url: '/pages/details/details', success(res) { res.eventChannel.emit('PageMain_Data', { title: 'Cats' }); } }); },
});`,
        json: { usingComponents: { 'opener-item': '/components/opener-item/opener-item' } },
      }),
      ...page('pages/opened/opened', {
        axml: `<view id="got">{{message}}</view><button id="emit" onTap="emitLate">late</button><button id="back" onTap="goBack">back</button>`,
        js: `
Page({
  data: { message: '' },
  onLoad(query) {
    const channel = this.getOpenerEventChannel();
    console.log('opened onLoad', query.from, channel === this.getOpenerEventChannel());
    channel.emit('openedToOpener', { message: 'Hello Opener Page!' });
    const listener = (data) => { console.log('opened got', data.message); this.setData({ message: data.message }); channel.off('openerToOpened', listener); };
    channel.on('openerToOpened', listener);
    channel.once('onceOnly', (n) => console.log('once', n));
  },
  emitLate() { this.getOpenerEventChannel().emit('late', 'x'); },
  goBack() {
    my.navigateBack({ success: () => this.getOpenerEventChannel().emit('bye', { message: 'after close' }) });
  },
});`,
      }),
      ...page('pages/details/details', {
        axml: `<view id="title">{{passage.title}}</view><view id="copied">{{copied}}</view>`,
        // pet-community's passageDetails: registers in onLoad and reads what it got right away.
        js: `
Page({
  data: { passage: null, copied: '' },
  onLoad() {
    const channel = this.getOpenerEventChannel();
    channel.on('PageMain_Data', (data) => this.setData({ passage: data }));
    this.setData({ copied: this.data.passage.title + '!' });
  },
});`,
      }),
      ...page('pages/plain/plain', {
        axml: `<view/>`,
        js: `Page({ onLoad() { const c = this.getOpenerEventChannel(); c.emit('anything', 1); c.on('x', () => {}); console.log('plain page channel ok', typeof c.off); } });`,
      }),
      ...component('components/opener-item/opener-item', {
        axml: `<view class="item" onTap="look">look</view>`,
        js: `
Component({
  methods: {
    look() {
      this.router.navigateTo({ url: '../../pages/opened/opened?from=component', success: (res) => res.eventChannel.emit('openerToOpened', { message: 'from a component' }) });
    },
  },
});`,
      }),
    });
  });

  it('opener → opened and opened → opener, with events, success(res.eventChannel), on/once/off', async () => {
    fresh();
    await app.currentPage().tap('#open');
    expect(fresh()).toEqual([
      // success runs once the page exists, before its onLoad; what it emits waits for a listener.
      'success has channel function',
      'opened onLoad index true',
      'opener got {"message":"Hello Opener Page!"}',
      // the waiting events reach the listener as it registers: the first one, then it turns itself off
      'opened got Hi Opened Page!',
      'once 1',
    ]);
    expect(app.currentPage().text('#got')).toBe('Hi Opened Page!');
  });

  it('listeners the opener adds later on res.eventChannel hear the opened page', async () => {
    await app.currentPage().tap('#emit');
    expect(fresh()).toEqual(['opener late listener x']);
  });

  it('the opened page can emit from navigateBack\'s success, after it closed (docs FAQ)', async () => {
    await app.currentPage().tap('#back');
    expect(fresh()).toEqual(['opener got bye after close']);
    expect(app.currentPage().route).toBe('pages/index/index');
  });

  it('the Promise form resolves with the eventChannel too; a page not opened by navigateTo gets a channel nobody listens to', async () => {
    await app.currentPage().tap('#promise');
    expect(fresh()).toEqual(['plain page channel ok function', 'promise result has channel function']);
    await app.navigateBack();
  });

  it('a page that registers in onLoad can use at once what the opener emitted in success (pet-community)', async () => {
    await app.currentPage().tap('#details');
    expect(app.currentPage().route).toBe('pages/details/details');
    expect(app.currentPage().text('#title')).toBe('Cats');
    expect(app.currentPage().text('#copied')).toBe('Cats!');
    expect(app.errors).toEqual([]);
    await app.navigateBack();
  });

  it('a component opening a page with this.router.navigateTo', async () => {
    fresh();
    await app.currentPage().tap('.item');
    expect(fresh()).toEqual(['opened onLoad component true', 'opened got from a component']);
    expect(app.errors).toEqual([]);
  });
});
