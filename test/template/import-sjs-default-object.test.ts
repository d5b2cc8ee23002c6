/**
 * `<import-sjs name="{ a }">` of a module that default-exports an object (AD fw/AXML/引入 SJS.md shows
 * both forms; real apps mix them): the platform binds the default object's property, so mpk does too.
 */
import { afterAll, expect, it } from 'vitest';
import { buildProject, closeAll, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const files = {
  ...page('pages/index/index', {
    axml: '<import-sjs name="{ price, label: title }" from="./fmt.sjs"/><view id="v">{{price(1234)}}|{{title}}</view>',
  }),
  'pages/index/fmt.sjs': 'export default { price: (cents) => (cents / 100).toFixed(2), label: "Shop" };',
};

it('binds named imports to the properties of a default-exported object', async () => {
  const result = await buildProject(files);
  expect(result.diagnostics.filter((d) => d.code === 'MPK2045')).toEqual([]);
  const app = await launchProject(files);
  expect(app.currentPage().text('#v')).toBe('12.34|Shop');
  expect(app.errors).toEqual([]);
});

it('still warns when the module has neither the export nor a default export', async () => {
  const result = await buildProject({
    ...page('pages/index/index', { axml: '<import-sjs name="{ nope }" from="./m.sjs"/><view>{{nope}}</view>' }),
    'pages/index/m.sjs': 'export const other = 1;',
  });
  expect(result.diagnostics.find((d) => d.code === 'MPK2045')?.severity).toBe('warning');
});
