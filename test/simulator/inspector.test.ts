/**
 * The Elements panel (issue 13): the live node tree of the page with components nested; Pick
 * selects a node by clicking the phone without the click reaching the app; the selected node shows
 * its attributes, data-*, template source line, the data of the component that rendered it, its
 * computed style with the .acss file each value comes from, and its box; hovering a row outlines
 * the node on the phone; an edited style value changes the element's computed style.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openSimulator, topData, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openSimulator(browser, 'todo');
  await sim.page.locator('.chip').first().waitFor();
  await sim.page.locator('.sim-tab[data-panel="elements"]').click();
});
afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

const panel = () => sim.page.locator('.sim-panel[data-panel="elements"]');
const section = (name: string): Locator => panel().locator(`.el-section[data-section="${name}"]`);
/** The line of `selector`'s rule in a project file. */
const lineOf = (file: string, selector: string) => sim.project.read(file).split('\n').findIndex((line) => line.startsWith(`${selector} {`)) + 1;

describe('simulator element inspector', () => {
  it('picks a node by clicking the phone: the app does not see the click, the panel shows the node', async () => {
    const { page } = sim;
    const before = (await topData(page)).todos.length;
    await panel().locator('.elements-pick').click();
    expect(await panel().locator('.elements-pick').getAttribute('class')).toContain('active');
    await page.locator('.chip').nth(1).click();
    await expect.poll(() => panel().locator('.el-heading').textContent()).toMatch(/^view\.chip/);
    // A tap would have run addSuggestion (one more todo); give it time to arrive if it leaked.
    await page.waitForTimeout(400);
    expect((await topData(page)).todos.length).toBe(before);
    expect(await panel().locator('.elements-pick').getAttribute('class')).not.toContain('active');

    expect(await section('attributes').locator('tr[data-name="class"] td').nth(1).textContent()).toBe('chip');
    expect(await section('data-*').locator('tr[data-name="data-title"] td').nth(1).textContent()).toBe('Walk the dog');
    expect(await section('template').locator('.el-source').textContent()).toBe('pages/index/index.axml:10:3');
    expect(await section('template').locator('.el-written').textContent()).toContain('a:for="{{suggestions}}"');
    expect(await section('rendered').locator('.el-data').textContent()).toContain('"suggestions"');

    // Computed ACSS: the chip's background comes from the .chip rule of index.acss.
    const background = section('styles').locator('tr[data-property="background-color"]');
    expect(await background.locator('input').inputValue()).toBe('rgb(230, 244, 255)');
    expect(await background.locator('.el-style-source').textContent()).toContain(`pages/index/index.acss:${lineOf('pages/index/index.acss', '.chip')}`);
    // rpx padding (a var() value) is attributed to the same rule.
    expect(await section('styles').locator('tr[data-property="padding-left"] .el-style-source').textContent()).toContain('index.acss');
    // Box: content + padding (20rpx = 10 px at 375) as the element has them.
    const expected = await page.evaluate(() => {
      const chip = (document.querySelector('.phone-screen')!.shadowRoot!.querySelectorAll('.chip')[1]) as HTMLElement;
      const style = getComputedStyle(chip);
      return { left: style.paddingLeft, width: chip.offsetWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth) };
    });
    expect(await section('box').locator('.box-padding > .box-middle > .box-left').textContent()).toBe(String(parseFloat(expected.left)));
    expect(await section('box').locator('.box-content').textContent()).toBe(`${Math.round(expected.width * 100) / 100} × ${await page.evaluate(() => {
      const chip = document.querySelector('.phone-screen')!.shadowRoot!.querySelectorAll('.chip')[1] as HTMLElement;
      const s = getComputedStyle(chip);
      return Math.round((chip.offsetHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom) - parseFloat(s.borderTopWidth) - parseFloat(s.borderBottomWidth)) * 100) / 100;
    })}`);
    // The picked node's row hovered: the phone outlines it in the screenshot.
    await panel().locator('.el-row.selected').hover();
    await page.locator('.inspect-highlight').waitFor({ state: 'visible' });
    await sim.screenshot('inspector-pick');

    // Out of pick mode, the same click is a tap again.
    await page.locator('.chip').nth(1).click();
    await expect.poll(async () => (await topData(page)).todos.length).toBe(before + 1);
  });

  it('keeps the tree live: a new todo-item shows up as a nested component, its nodes show the component data', async () => {
    const { page } = sim;
    const component = panel().locator('.el-row.el-component').filter({ hasText: '<todo-item>' }).first();
    await component.waitFor({ timeout: 10_000 });
    expect(await component.locator('.el-component-badge').count()).toBe(1);
    // todo-item renders no host element (virtualHost, the default): marked, and hovering it outlines its own root.
    expect(await component.locator('.el-virtual').count()).toBe(1);
    await component.hover();
    await sim.page.locator('.inspect-highlight').waitFor({ state: 'visible' });
    const outlined = (await sim.page.locator('.inspect-highlight').boundingBox())!;
    const todo = (await sim.page.locator('.todo').first().boundingBox())!;
    expect(Math.abs(outlined.y - todo.y) + Math.abs(outlined.height - todo.height)).toBeLessThan(2);
    // The component's own nodes sit under it, deeper in the tree.
    const depth = (row: Locator) => row.evaluate((el) => parseFloat((el as HTMLElement).style.paddingLeft));
    const title = panel().locator('.el-row').filter({ hasText: '<text>.title' }).first();
    expect(await depth(title)).toBeGreaterThan(await depth(component));
    await title.click();
    expect(await section('rendered').locator('.el-section-title').textContent()).toContain('components/todo-item/todo-item');
    expect(await section('rendered').locator('.el-props').textContent()).toContain('"title": "Walk the dog"');
    expect(await section('template').locator('.el-source').textContent()).toMatch(/^components\/todo-item\/todo-item\.axml:3:/);
    const flex = section('styles').locator('tr[data-property="flex-grow"] .el-style-source');
    expect(await flex.textContent()).toContain(`components/todo-item/todo-item.acss:${lineOf('components/todo-item/todo-item.acss', '.todo .title')}`);
  });

  it('hovering a row outlines its node on the phone', async () => {
    const { page } = sim;
    const highlight = page.locator('.inspect-highlight');
    // The pointer off the tree (the last test clicked a row): nothing is outlined.
    await page.mouse.move(5, 5);
    await highlight.waitFor({ state: 'hidden' });
    const row = panel().locator('.el-row').filter({ hasText: '<view>.card.suggestions' }).first();
    await row.hover();
    await highlight.waitFor({ state: 'visible' });
    const box = (await highlight.boundingBox())!;
    const target = (await page.locator('.suggestions').boundingBox())!;
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(box[key] - target[key])).toBeLessThan(1.5);
    expect(await page.locator('.inspect-label').textContent()).toBe('view.card.suggestions');
    await page.mouse.move(5, 5);
    await highlight.waitFor({ state: 'hidden' });
  });

  it('an edited style value applies to the element at once', async () => {
    const { page } = sim;
    await panel().locator('.elements-pick').click();
    await page.locator('.chip').first().click();
    await expect.poll(() => section('data-*').locator('tr[data-name="data-title"] td').nth(1).textContent()).toBe('Buy milk');
    const input = section('styles').locator('tr[data-property="background-color"] input');
    await input.fill('rgb(255, 0, 0)');
    await input.press('Enter');
    const chipBackground = () => page.locator('.chip').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    await expect.poll(chipBackground).toBe('rgb(255, 0, 0)');
    expect(await section('styles').locator('tr[data-property="background-color"] .el-style-source').textContent()).toBe('edited in the inspector');
    // A property the rules do not set, added from the panel.
    const add = section('styles').locator('.el-add-style');
    await add.fill('outline-width: 3px');
    await add.press('Enter');
    await expect.poll(() => page.locator('.chip').first().evaluate((el) => getComputedStyle(el).outlineWidth)).toBe('3px');
    // Other chips keep the sheet's colour.
    expect(await page.locator('.chip').nth(2).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(230, 244, 255)');
    expect(sim.errors).toEqual([]);
  });
});
