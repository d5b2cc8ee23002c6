/**
 * A `<slot name="{{…}}">` whose name comes out empty is a named slot nobody fills: it shows its fallback,
 * while the default slot (`<slot>` without a name) still gets the content. antd-mini's SwipeAction
 * renders each button as `<slot name="{{util.getRightSlotName(…)}}"><text>{{text}}</text></slot>`,
 * the name '' when the button has no slotName, next to `<slot/>` for the swiped content.
 */
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

it('renders the fallback of a slot whose dynamic name is empty, and the content in the default slot', async () => {
  const app = await launchProject({
    ...page('pages/index/index', {
      axml: '<swipe buttons="{{[{ text: \'delete\' }, { text: \'x\', slotName: \'custom\' }]}}"><view class="content">row</view><view slot="custom" class="custom">custom button</view></swipe>',
      json: { usingComponents: { swipe: '/components/swipe/swipe' } },
    }),
    ...component('components/swipe/swipe', {
      axml: '<view class="body"><slot/></view><view class="button" a:for="{{buttons}}" a:key="text"><slot name="{{item.slotName || \'\'}}"><text>{{item.text}}</text></slot></view>',
      js: 'Component({ props: { buttons: [] } });',
    }),
  });
  const p = app.currentPage();
  expect(p.querySelectorAll('.body .content')).toHaveLength(1);
  expect(p.querySelectorAll('.button').map((n) => app.session.renderer.text(n).trim())).toEqual(['delete', 'custom button']);
  expect(app.errors).toEqual([]);
});
