import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Op } from '../../src/contract/renderer.ts';
import { domSuite, h, Ops } from './harness/index.ts';

const suite = domSuite();
beforeAll(() => suite.fresh());
afterAll(() => suite.stop());

const detailsOf = (events: Array<{ type: string; detail?: unknown }>, type: string) => events.filter((e) => e.type === type).map((e) => e.detail);

describe('input and textarea', () => {
  it('maps attributes and reports input {value, cursor}, focus, blur and confirm', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'i', $ref: 'i', value: 'ab', placeholder: 'Name', maxlength: 5, type: 'text' }), h('view', { id: 'other' }, 'x')));
    const attrs = await d.page.evaluate(() => {
      const host = document.getElementById('i')!;
      const el = host.querySelector('input')!;
      const placeholder = host.querySelector<HTMLElement>('.a-input-placeholder')!;
      return {
        host: `${host.localName}.${host.className}`,
        structure: [...host.querySelectorAll('*')].map((e) => `${e.localName}.${e.className}`),
        value: el.value,
        placeholder: [placeholder.textContent, getComputedStyle(placeholder).display],
        maxLength: el.maxLength,
        type: el.type,
      };
    });
    expect(attrs).toEqual({
      host: 'a-input.a-input',
      structure: ['div.a-input-wrap', 'input.a-input-content', 'div.a-input-placeholder'],
      value: 'ab',
      placeholder: ['Name', 'none'], // a value: the placeholder is not shown
      maxLength: 5,
      type: 'text',
    });
    await d.page.click('#i .a-input-content');
    await d.page.keyboard.press('End');
    await d.page.keyboard.type('cdef'); // maxlength 5: the last key is refused by the field
    await d.page.keyboard.press('Enter');
    const events = await d.take();
    expect(detailsOf(events, 'focus')).toEqual([{ value: 'ab' }]);
    expect(detailsOf(events, 'input')).toEqual([
      { value: 'abc', cursor: 3 },
      { value: 'abcd', cursor: 4 },
      { value: 'abcde', cursor: 5 },
    ]);
    expect(detailsOf(events, 'confirm')).toEqual([{ value: 'abcde' }]);
    // confirm without confirm-hold closes the keyboard: blur follows
    expect(detailsOf(events, 'blur')).toEqual([{ value: 'abcde' }]);
    expect(events.every((e) => e.target === o.ids.i)).toBe(true);
  });

  it('keeps typed text without the logic layer and follows value updates (uncontrolled)', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'i', $ref: 'i', value: '' })));
    await d.page.fill('#i .a-input-content', 'typed');
    expect(await d.page.inputValue('#i .a-input-content')).toBe('typed');
    await d.apply([[Op.Attr, o.ids.i, 'value', 'from logic']]);
    expect(await d.page.inputValue('#i .a-input-content')).toBe('from logic');
  });

  it('does not let late echoes of typed values undo newer keystrokes', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'i', $ref: 'i', value: '' }), h('slider', { id: 's', $ref: 's', value: 10 })));
    await d.page.click('#i .a-input-content');
    await d.page.keyboard.type('abc');
    // the logic layer answers each input event, one after the other, after all three keys were typed
    for (const echo of ['a', 'ab']) {
      await d.apply([[Op.Attr, o.ids.i, 'value', echo]]);
      expect(await d.page.inputValue('#i .a-input-content')).toBe('abc');
    }
    await d.apply([[Op.Attr, o.ids.i, 'value', 'abc']]);
    expect(await d.page.inputValue('#i .a-input-content')).toBe('abc');
    // a value the user never typed is the logic layer's own: it shows
    await d.apply([[Op.Attr, o.ids.i, 'value', 'ab']]);
    expect(await d.page.inputValue('#i .a-input-content')).toBe('ab');
    // the same for a slider being dragged
    await d.page.focus('#s input');
    for (let i = 0; i < 3; i++) await d.page.keyboard.press('ArrowRight');
    await d.apply([[Op.Attr, o.ids.s, 'value', 11]]);
    expect(await d.page.inputValue('#s input')).toBe('13');
    await d.apply([[Op.Attr, o.ids.s, 'value', 50]]);
    expect(await d.page.inputValue('#s input')).toBe('50');
  });

  it('shows only what the logic layer sets when controlled', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'i', $ref: 'i', value: 'A', controlled: true })));
    await d.page.click('#i .a-input-content');
    await d.page.keyboard.press('End');
    await d.page.keyboard.type('b');
    // reported, but the field stays as the data says until the logic layer answers
    expect(detailsOf(await d.take(), 'input')).toEqual([{ value: 'Ab', cursor: 2 }]);
    expect(await d.page.inputValue('#i .a-input-content')).toBe('A');
    // the logic layer upper-cases it: the field shows that, caret after the new character
    await d.apply([[Op.Attr, o.ids.i, 'value', 'AB']]);
    const state = await d.page.evaluate(() => {
      const el = document.querySelector('#i input') as HTMLInputElement;
      return [el.value, el.selectionStart];
    });
    expect(state).toEqual(['AB', 2]);
  });

  it('refuses letters in number fields, masks passwords, disables, and focuses from the template', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('input', { id: 'n', type: 'digit' }),
        h('input', { id: 'p', password: true }),
        h('input', { id: 'x', disabled: true }),
        h('input', { id: 'f', $ref: 'f' }),
      ),
    );
    await d.page.click('#n .a-input-content');
    await d.page.keyboard.type('1a2.5x');
    expect(await d.page.inputValue('#n .a-input-content')).toBe('12.5');
    expect(await d.page.evaluate(() => [(document.querySelector('#n input') as HTMLInputElement).inputMode, (document.querySelector('#p input') as HTMLInputElement).type])).toEqual(['decimal', 'password']);
    expect(await d.page.isDisabled('#x input')).toBe(true);
    await d.apply([[Op.Attr, o.ids.f, 'focus', true]]);
    expect(await d.page.evaluate(() => document.activeElement?.closest('a-input')?.id)).toBe('f');
    await d.apply([[Op.Attr, o.ids.f, 'focus', false]]);
    expect(await d.page.evaluate(() => document.activeElement?.closest('a-input')?.id)).not.toBe('f');
  });

  it('textarea: Enter is a new line by default, auto-height grows with the text', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('textarea', { id: 't', $ref: 't', 'auto-height': true, maxlength: -1 })));
    const height = () => d.page.evaluate(() => (document.getElementById('t') as HTMLElement).getBoundingClientRect().height);
    const before = await height();
    await d.page.click('#t .a-textarea-content');
    await d.page.keyboard.type('one');
    await d.page.keyboard.press('Enter');
    await d.page.keyboard.type('two');
    await d.page.keyboard.press('Enter');
    await d.page.keyboard.type('three');
    expect(await d.page.inputValue('#t .a-textarea-content')).toBe('one\ntwo\nthree');
    expect(await height()).toBeGreaterThan(before);
    expect(await d.page.evaluate(() => (document.querySelector('#t textarea') as HTMLTextAreaElement).maxLength)).toBe(-1);
    const inputs = detailsOf(await d.take(), 'input') as Array<{ value: string }>;
    expect(inputs.at(-1)).toEqual({ value: 'one\ntwo\nthree', cursor: 13 });
  });

  it('textarea with confirm-type reports confirm on Enter', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('textarea', { id: 't', 'confirm-type': 'send', 'confirm-hold': true })));
    await d.page.click('#t .a-textarea-content');
    await d.page.keyboard.type('hi');
    await d.page.keyboard.press('Enter');
    expect(detailsOf(await d.take(), 'confirm')).toEqual([{ value: 'hi' }]);
    expect(await d.page.evaluate(() => document.activeElement?.closest('a-textarea')?.id)).toBe('t');
  });
});

describe('choices', () => {
  it('checkbox reports its own change and the group change with checked values in order', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h(
          'checkbox-group',
          { $ref: 'group', name: 'fruit' },
          h('label', {}, h('checkbox', { id: 'c1', $ref: 'c1', value: 'apple', checked: true }), h('text', {}, 'Apple')),
          h('label', {}, h('checkbox', { id: 'c2', $ref: 'c2', value: 'pear' }), h('text', { id: 'pear-text' }, 'Pear')),
          h('label', {}, h('checkbox', { id: 'c3', value: 'fig', disabled: true }), h('text', { id: 'fig-text' }, 'Fig')),
        ),
      ),
    );
    await d.page.click('#c2');
    let events = (await d.take()).filter((e) => e.type === 'change');
    expect(events).toEqual([
      { target: o.ids.c2, type: 'change', detail: { value: true } },
      { target: o.ids.group, type: 'change', detail: { value: ['apple', 'pear'] } },
    ]);
    // the label toggles its checkbox (once), a disabled one stays
    await d.page.click('#pear-text');
    await d.page.click('#fig-text', { force: true }); // playwright waits on the label's disabled control otherwise
    events = (await d.take()).filter((e) => e.type === 'change');
    expect(events.map((e) => e.detail)).toEqual([{ value: false }, { value: ['apple'] }]);
    // the template's checked wins
    await d.apply([[Op.Attr, o.ids.c1, 'checked', false]]);
    expect(await d.page.isChecked('#c1 input')).toBe(false);
  });

  it('radio-group reports the chosen value and keeps one radio checked', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('radio-group', { $ref: 'g' }, h('radio', { id: 'r1', value: 'a', checked: true }), h('radio', { id: 'r2', value: 'b' }), h('radio', { id: 'r3', $ref: 'r3', value: 'c' })),
      ),
    );
    await d.page.click('#r3');
    // The radio's own change (antd-mini's Radio listens on <radio onChange>), then the group's.
    expect((await d.take()).filter((e) => e.type === 'change')).toEqual([
      { target: o.ids.r3, type: 'change', detail: { value: true } },
      { target: o.ids.g, type: 'change', detail: { value: 'c' } },
    ]);
    expect(await d.page.evaluate(() => ['r1', 'r2', 'r3'].map((id) => (document.querySelector(`#${id} input`) as HTMLInputElement).checked))).toEqual([false, false, true]);
  });

  it('switch reports {value} and, controlled, shows only what the logic layer sets', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('switch', { id: 's', $ref: 's' }), h('switch', { id: 'c', $ref: 'c', controlled: true, checked: false, color: 'red' })));
    await d.page.click('#s');
    await d.page.click('#c');
    expect((await d.take()).filter((e) => e.type === 'change')).toEqual([
      { target: o.ids.s, type: 'change', detail: { value: true } },
      { target: o.ids.c, type: 'change', detail: { value: true } },
    ]);
    expect(await d.page.isChecked('#s input')).toBe(true);
    expect(await d.page.isChecked('#c input')).toBe(false);
    await d.apply([[Op.Attr, o.ids.c, 'checked', true]]);
    expect(await d.page.isChecked('#c input')).toBe(true);
    await d.page.waitForFunction(() => getComputedStyle(document.querySelector('#c .checkbox')!).backgroundColor === 'rgb(255, 0, 0)');
  });
});

describe('slider and picker', () => {
  it('slider honours min/max/step/value and reports changing then change', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('slider', { id: 's', $ref: 's', value: 300, min: 200, max: 500, step: 50, 'show-value': true })));
    const state = () =>
      d.page.evaluate(() => {
        const input = document.querySelector('#s input') as HTMLInputElement;
        return { value: input.value, shown: document.querySelector('#s .mpk-slider-value')!.textContent, visible: getComputedStyle(document.querySelector('#s .mpk-slider-value')!).display !== 'none' };
      });
    expect(await state()).toEqual({ value: '300', shown: '300', visible: true });
    await d.page.focus('#s input');
    await d.page.keyboard.press('ArrowRight');
    const events = await d.take();
    expect(events.filter((e) => e.type === 'changing' || e.type === 'change').map((e) => [e.type, e.detail])).toEqual([
      ['changing', { value: 350 }],
      ['change', { value: 350 }],
    ]);
    expect((await state()).shown).toBe('350');
  });

  it('picker lists range (or range-key) and reports the chosen index', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('picker', { id: 'p', $ref: 'p', range: [{ name: 'Beijing' }, { name: 'Hangzhou' }, { name: 'Shanghai' }], 'range-key': 'name', value: 1 }, h('view', { id: 'shown' }, 'Pick a city')),
      ),
    );
    expect(await d.page.evaluate(() => [...document.querySelectorAll('#p option')].map((o) => o.textContent))).toEqual(['Beijing', 'Hangzhou', 'Shanghai']);
    expect(await d.page.evaluate(() => (document.querySelector('#p select') as HTMLSelectElement).selectedIndex)).toBe(1);
    await d.page.selectOption('#p select', '2', { force: true });
    expect((await d.take()).filter((e) => e.type === 'change')).toEqual([{ target: o.ids.p, type: 'change', detail: { value: 2 } }]);
    // tapping the picker's content is still a tap on that content
    await d.page.click('#shown');
    expect((await d.take()).find((e) => e.type === 'tap')?.target).toBe(o.ids.p + 1);
  });
});

describe('form', () => {
  it('submit collects the named controls inside the form; reset restores them', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h(
          'form',
          { $ref: 'form' },
          h('input', { id: 'name', name: 'name', value: 'Ann' }),
          h('textarea', { id: 'bio', name: 'bio' }),
          h('switch', { id: 'sw', name: 'agree' }),
          h('checkbox-group', { name: 'tags' }, h('checkbox', { id: 'cb1', value: 'x' }), h('checkbox', { id: 'cb2', value: 'y', checked: true })),
          h('radio-group', { name: 'size' }, h('radio', { id: 'r1', value: 'S' }), h('radio', { id: 'r2', value: 'M' })),
          h('slider', { name: 'level', value: 40 }),
          h('picker', { name: 'city', range: ['a', 'b'], value: 1 }, 'city'),
          h('input', { id: 'unnamed', value: 'skip me' }),
          h('view', {}, h('button', { id: 'go', 'form-type': 'submit', 'data-from': 'go-button', $ref: 'go' }, 'Submit')),
          h('button', { id: 'clear', 'form-type': 'reset' }, 'Reset'),
        ),
        h('input', { name: 'outside', value: 'not in the form' }),
      ),
    );
    await d.page.fill('#name .a-input-content', 'Bob');
    await d.page.fill('#bio .a-textarea-content', 'hello');
    await d.page.click('#sw');
    await d.page.click('#cb1');
    await d.page.click('#r2');
    await d.take();
    await d.page.click('#go');
    const events = await d.take();
    expect(events.map((e) => e.type)).toEqual(['touchStart', 'touchEnd', 'tap', 'submit']);
    const submit = events.at(-1)!;
    expect(submit.target).toBe(o.ids.form);
    expect(submit.detail).toEqual({
      value: { name: 'Bob', bio: 'hello', agree: true, tags: ['x', 'y'], size: 'M', level: 40, city: 1 },
      buttonTarget: { dataset: { from: 'go-button' } },
    });
    await d.page.click('#clear');
    expect((await d.take()).filter((e) => e.type === 'reset').map((e) => e.target)).toEqual([o.ids.form]);
    const values = await d.page.evaluate(() => ({
      name: (document.querySelector('#name input') as HTMLInputElement).value,
      bio: (document.querySelector('#bio textarea') as HTMLTextAreaElement).value,
      sw: (document.querySelector('#sw input') as HTMLInputElement).checked,
      cb1: (document.querySelector('#cb1 input') as HTMLInputElement).checked,
      cb2: (document.querySelector('#cb2 input') as HTMLInputElement).checked,
      r2: (document.querySelector('#r2 input') as HTMLInputElement).checked,
    }));
    expect(values).toEqual({ name: 'Ann', bio: '', sw: false, cb1: false, cb2: true, r2: false });
  });

  it('Enter in a lone field never submits the page natively', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('form', { $ref: 'form' }, h('input', { id: 'q', name: 'q' }))));
    const url = d.page.url();
    await d.page.click('#q');
    await d.page.keyboard.type('x');
    await d.page.keyboard.press('Enter');
    expect(d.page.url()).toBe(url);
    const types = (await d.take()).map((e) => e.type);
    expect(types).toContain('confirm');
    expect(types).not.toContain('submit');
  });

  it('label for= toggles the checkbox with that component id, wherever it is', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(
      o.page(
        1,
        'p/a',
        h('label', { for: 'agree' }, h('text', { id: 'caption' }, 'I agree')),
        h('checkbox-group', { $ref: 'g' }, h('checkbox', { id: 'agree', $ref: 'cb', value: 'yes' })),
      ),
    );
    await d.page.click('#caption');
    expect((await d.take()).filter((e) => e.type === 'change')).toEqual([
      { target: o.ids.cb, type: 'change', detail: { value: true } },
      { target: o.ids.g, type: 'change', detail: { value: ['yes'] } },
    ]);
  });

  it('placeholder-style styles the placeholder of that field only', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('input', { id: 'a', $ref: 'a', placeholder: 'A', 'placeholder-style': 'color: rgb(0, 128, 0)}body{display:none' }), h('input', { id: 'b', placeholder: 'B' })));
    const colours = () =>
      d.page.evaluate(() => ['a', 'b'].map((id) => getComputedStyle(document.querySelector(`#${id} .a-input-placeholder`)!).color));
    const [a, b] = await colours();
    expect(a).toBe('rgb(0, 128, 0)');
    expect(b).not.toBe('rgb(0, 128, 0)');
    expect(await d.page.evaluate(() => getComputedStyle(document.body).display)).toBe('block');
  });

  it('label for= focuses the input with that id', async () => {
    const d = await suite.fresh();
    const o = new Ops();
    await d.apply(o.page(1, 'p/a', h('label', { for: 'target' }, h('text', { id: 'caption' }, 'Name')), h('input', { id: 'target' })));
    await d.page.click('#caption');
    expect(await d.page.evaluate(() => document.activeElement?.closest('a-input')?.id)).toBe('target');
  });
});
