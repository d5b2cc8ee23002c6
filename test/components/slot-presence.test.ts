/**
 * `$slots` in a component's template tells which slots the owner filled (`$default` for the default one):
 * mini-ali-ui's list shows its header only `a:if="{{$slots.header}}"`, its input-item a label only
 * `a:if="{{$slots.$default}}"`, its badge switches class on `$slots.inner`.
 */
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

it('exposes the filled slot names as $slots', async () => {
  const app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<view id="full"><box><view slot="header">head</view>body<view slot="scoped" slot-scope="p">{{p.x}}</view></box></view>
<view id="empty"><box></box></view>
<view id="named-only"><box><view slot="header">head</view></box></view>`,
      json: { usingComponents: { box: '/components/box/box' } },
    }),
    ...component('components/box/box', {
      axml: `<view class="header" a:if="{{$slots.header}}"><slot name="header"/></view><view class="body" a:if="{{$slots.$default}}"><slot/></view><view class="scoped" a:if="{{$slots.scoped}}"><slot name="scoped" x="1"/></view><view class="none" a:if="{{$slots.footer}}">footer</view>`,
    }),
  });
  const p = app.currentPage();
  const shown = (id: string) => ['header', 'body', 'scoped', 'none'].filter((c) => p.querySelector(`#${id} .${c}`) !== null);
  expect(shown('full')).toEqual(['header', 'body', 'scoped']);
  expect(p.text('#full .scoped')).toBe('1');
  expect(shown('empty')).toEqual([]);
  expect(shown('named-only')).toEqual(['header']);
  expect(app.errors).toEqual([]);
});
