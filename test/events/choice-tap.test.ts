/**
 * Tapping a checkbox, radio or switch — or a label around one, or pointing at one with `for` — toggles it
 * and fires its `change` and its group's, headless as in the DOM renderer (docs: component/基础组件/表单组件
 * checkbox, radio, switch, label). antd-mini's Checkbox is a <label> around a native <checkbox onChange>.
 */
import { afterAll, expect, it } from 'vitest';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

it('toggles choices tapped directly or through their label, and fires change on them and their groups', async () => {
  const app = await launchProject({
    ...page('pages/index/index', {
      axml: `
<label class="wrap"><checkbox class="alone" value="a" onChange="log" data-name="alone"/><view class="text">agree</view></label>
<checkbox-group onChange="log" data-name="group"><checkbox class="c1" value="x"/><checkbox class="c2" value="y" checked/></checkbox-group>
<radio-group onChange="log" data-name="radios"><radio class="r1" value="r1" checked/><radio class="r2" value="r2" onChange="log" data-name="radio"/></radio-group>
<label for="sw" class="for-label">switch</label><switch id="sw" onChange="log" data-name="switch"/>
<checkbox class="off" disabled onChange="log" data-name="disabled"/>`,
      js: `Page({ log(e) { console.log(e.currentTarget.dataset.name + ' ' + JSON.stringify(e.detail.value)); } });`,
    }),
  });
  const p = app.currentPage();
  await p.tap('.wrap .text');
  await p.tap('.alone');
  await p.tap('.c1');
  await p.tap('.r2');
  await p.tap('.r2');
  await p.tap('.for-label');
  await p.tap('.off');
  expect(logLines(app)).toEqual(['alone true', 'alone false', 'group ["x","y"]', 'radio true', 'radios "r2"', 'switch true']);
  expect(p.querySelector('.c1')!.attrs.checked).toBe(true);
  expect(p.querySelector('.r1')!.attrs.checked).toBe(false);
  expect(app.errors).toEqual([]);
});
