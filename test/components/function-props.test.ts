/**
 * Function props (docs: framework/自定义组件/组件对象.md, props `onXxx`): `onFormat="name"` passes the
 * owner's method. Real apps (the corpus's pet-community passes `onFormat="labelFormat"` to antd-mini's
 * CascaderPicker with that method commented out) name methods that do not exist: the platform binds
 * nothing, the component's `this.props.onFormat && …` skips it, and the page works.
 */
import { afterAll, expect, it } from 'vitest';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

it('leaves a prop naming a missing owner method unset (a warning), and binds an existing one', async () => {
  const app = await launchProject({
    ...page('pages/index/index', {
      axml: '<view id="missing"><picker-like onFormat="labelFormat" /></view><view id="present"><picker-like onFormat="present" /></view>',
      js: 'Page({ present(v) { return "[" + v + "]"; } });',
      json: { usingComponents: { 'picker-like': '/components/picker-like/picker-like' } },
    }),
    ...component('components/picker-like/picker-like', {
      axml: '<view class="label">{{label}}</view>',
      js: `Component({
        props: { onFormat: null },
        data: { label: '' },
        didMount() {
          const { onFormat } = this.props;
          this.setData({ label: onFormat ? onFormat('x') : 'plain' });
          console.log(typeof onFormat);
        },
      });`,
    }),
  });
  const p = app.currentPage();
  expect(p.text('#missing .label')).toBe('plain');
  expect(p.text('#present .label')).toBe('[x]');
  expect(app.errors).toEqual([]);
  expect(logLines(app).sort()).toEqual(['function', 'object']);
  const warnings = app.session.logs.filter((l) => l.level === 'warn').map((l) => String(l.args[0]));
  expect(warnings.some((w) => w.includes('"labelFormat"') && w.includes('left unset'))).toBe(true);
});
