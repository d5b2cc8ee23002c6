/**
 * A function prop the owner passes (`onTap="handler"`) is truthy in the component's template, as on the
 * platform: antd-mini's Button binds `onTap="{{onTap ? 'onTap' : ''}}"`, so its onTap runs only if this holds.
 */
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

it('sees function props as set in the component template, and binds through them', async () => {
  const app = await launchProject({
    ...page('pages/index/index', {
      axml: '<btn onTap="tapped">with</btn><btn>without</btn>',
      js: 'Page({ tapped() { console.log("page handler ran"); } });',
      json: { usingComponents: { btn: '/components/btn/btn' } },
    }),
    ...component('components/btn/btn', {
      axml: '<view class="button {{className}}" onTap="{{onTap ? \'onTap\' : \'\'}}" data-has="{{onTap ? \'yes\' : \'no\'}}"><slot/></view>',
      js: 'Component({ props: { className: "" }, methods: { onTap(e) { this.props.onTap(e); } } });',
    }),
  });
  const p = app.currentPage();
  expect(p.querySelectorAll('.button').map((n) => n.attrs['data-has'])).toEqual(['yes', 'no']);
  await p.tap('.button');
  expect(logLines(app)).toEqual(['page handler ran']);
  expect(app.errors).toEqual([]);
});
