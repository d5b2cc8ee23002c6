/**
 * The simulator's pickers (host.pickers): simple sheets over the phone the user answers by hand —
 * my.datePicker as the browser's date/time input, my.optionsSelect and my.multiLevelSelect as
 * chained <select>s, my.chooseCity as a list (the app's `cities`, else a few large cities),
 * my.regionPicker as chained <select>s over a small sample of regions (the platform's full
 * province/city/district data is not bundled; `mergeOptions` is not applied here), my.previewImage
 * as a full-screen viewer closed by a click. Cancel / a click outside answers null (the API's
 * documented cancel).
 */
import type { CityAnswer, PickerAdapter, RegionAnswer } from '@mpk/runtime';
import { h } from '../dom.ts';

interface Level {
  name: string;
  id?: string;
  subList?: Level[];
}

const SAMPLE_REGIONS: Level[] = [
  { name: '浙江省', id: '330000', subList: [
    { name: '杭州市', id: '330100', subList: [{ name: '上城区', id: '330102' }, { name: '西湖区', id: '330106' }, { name: '滨江区', id: '330108' }] },
    { name: '宁波市', id: '330200', subList: [{ name: '海曙区', id: '330203' }, { name: '江北区', id: '330205' }] },
  ] },
  { name: '北京市', id: '110000', subList: [{ name: '北京市', id: '110100', subList: [{ name: '东城区', id: '110101' }, { name: '西城区', id: '110102' }, { name: '朝阳区', id: '110105' }] }] },
  { name: '上海市', id: '310000', subList: [{ name: '上海市', id: '310100', subList: [{ name: '黄浦区', id: '310101' }, { name: '浦东新区', id: '310115' }] }] },
  { name: '广东省', id: '440000', subList: [
    { name: '广州市', id: '440100', subList: [{ name: '天河区', id: '440106' }, { name: '越秀区', id: '440104' }] },
    { name: '深圳市', id: '440300', subList: [{ name: '南山区', id: '440305' }, { name: '福田区', id: '440304' }] },
  ] },
];

const DEFAULT_CITIES = [
  { city: '北京市', adCode: '110100' },
  { city: '上海市', adCode: '310100' },
  { city: '杭州市', adCode: '330100' },
  { city: '广州市', adCode: '440100' },
  { city: '深圳市', adCode: '440300' },
];

const INPUT_TYPES: Record<string, string> = { 'yyyy-MM-dd': 'date', 'HH:mm': 'time', 'yyyy-MM-dd HH:mm': 'datetime-local', 'yyyy-MM': 'month', yyyy: 'number' };

/** `2016-10-9` → `2016-10-09`, `2012-01-09 11:11` → `2012-01-09T11:11` (what the inputs take). */
function toInput(value: string | undefined, format: string): string | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(/[- :]/).map((part, i) => (i === 0 && format !== 'HH:mm' ? part : part.padStart(2, '0')));
  switch (format) {
    case 'HH:mm':
      return parts.join(':');
    case 'yyyy-MM-dd HH:mm':
      return `${parts.slice(0, 3).join('-')}T${parts.slice(3).join(':')}`;
    default:
      return parts.join('-');
  }
}

export class PhonePickers {
  constructor(private readonly layer: HTMLElement) {}

  adapter(): PickerAdapter {
    return {
      datePicker: async (request) => {
        const input = h('input', { class: 'ui-picker-input', type: INPUT_TYPES[request.format] ?? 'date' });
        const value = toInput(request.currentDate, request.format);
        if (value) input.value = value;
        const min = toInput(request.startDate, request.format);
        const max = toInput(request.endDate, request.format);
        if (min) input.min = min;
        if (max) input.max = max;
        const ok = await this.sheet('选择日期', [input]);
        if (!ok || !input.value) return null;
        return request.format === 'yyyy-MM-dd HH:mm' ? input.value.replace('T', ' ') : input.value;
      },
      optionsSelect: async (request) => {
        const one = this.select(request.optionsOne, request.selectedOneIndex);
        const two = request.optionsTwo ? this.select(request.optionsTwo, request.selectedTwoIndex) : undefined;
        const ok = await this.sheet(request.title ?? '', two ? [one, two] : [one], request.positiveString, request.negativeString);
        if (!ok) return null;
        return two ? { selectedOneIndex: one.selectedIndex, selectedTwoIndex: two.selectedIndex } : { selectedOneIndex: one.selectedIndex };
      },
      multiLevelSelect: async (request) => {
        const path = await this.cascade(request.title ?? '', request.list);
        return path && path.map((item) => ({ name: item.name }));
      },
      regionPicker: async (request): Promise<RegionAnswer | null> => {
        const path = await this.cascade(request.title ?? '选择地区', SAMPLE_REGIONS, request.selectedItem);
        return path && { data: path.map((item) => item.name), code: path.map((item) => item.id ?? '') };
      },
      chooseCity: async (request): Promise<CityAnswer | null> => {
        const cities = request.cities?.length ? request.cities : DEFAULT_CITIES;
        const list = h('div', { class: 'ui-picker-list' });
        let chosen: CityAnswer | null = null;
        const done = this.sheet('选择城市', [list], undefined, '取消', true);
        for (const city of cities) {
          list.append(h('button', { class: 'ui-sheet-item', onclick: () => { chosen = { city: city.city, adCode: city.adCode }; this.closeTop(true); } }, city.city));
        }
        return (await done) ? chosen : null;
      },
      previewImage: (request) => {
        const counter = h('div', { class: 'ui-preview-count' }, `${request.current + 1} / ${request.urls.length}`);
        const img = h('img', { class: 'ui-preview-image', src: request.urls[request.current], alt: '' });
        const element = h('div', { class: 'ui-mask ui-preview', style: 'background:#000;flex-direction:column' }, img, counter);
        let index = request.current;
        element.addEventListener('click', (event) => {
          // A click on the image shows the next one; anywhere else (or on the last image) closes the viewer.
          if (event.target === img && index < request.urls.length - 1) {
            index += 1;
            img.src = request.urls[index]!;
            counter.textContent = `${index + 1} / ${request.urls.length}`;
          } else element.remove();
        });
        this.layer.append(element);
      },
    };
  }

  private closers: Array<(ok: boolean) => void> = [];

  /** Closes the sheet on top (a list item answered it). */
  closeTop(ok: boolean): void {
    this.closers[this.closers.length - 1]?.(ok);
  }

  /** Closes every open sheet as cancelled (the app restarted). */
  reset(): void {
    for (const close of [...this.closers]) close(false);
  }

  private select(options: string[], selected: number): HTMLSelectElement {
    const element = h('select', { class: 'ui-picker-select' }, ...options.map((option) => h('option', null, option)));
    element.selectedIndex = selected;
    return element;
  }

  /** Chained selects over a nested list; the chosen path, or null. */
  private async cascade(title: string, list: Level[], initial?: string[]): Promise<Level[] | null> {
    const row = h('div', { class: 'ui-picker-row' });
    const path: Level[] = [];
    const render = (from: number) => {
      while (row.children.length > from) row.lastElementChild!.remove();
      path.length = from;
      let level: Level[] | undefined = from === 0 ? list : path[from - 1]?.subList;
      for (let depth = from; level && level.length > 0; depth++) {
        const items: Level[] = level;
        const wanted = initial?.[depth];
        const start = Math.max(0, wanted === undefined ? 0 : items.findIndex((item) => item.name === wanted));
        const select = this.select(items.map((item) => item.name), start);
        select.addEventListener('change', () => {
          path[depth] = items[select.selectedIndex]!;
          initial = undefined;
          render(depth + 1);
        });
        row.append(select);
        path[depth] = items[start]!;
        level = items[start]!.subList;
      }
    };
    render(0);
    const ok = await this.sheet(title, [row]);
    return ok && path.length > 0 ? [...path] : null;
  }

  /** A bottom sheet with the content and 取消 / 确定; true = confirmed. The map screens (phone/maps.ts) use it too. */
  sheet(title: string, content: HTMLElement[], okText = '确定', cancelText = '取消', noOk = false): Promise<boolean> {
    return new Promise((resolve) => {
      const close = (ok: boolean) => {
        element.remove();
        this.closers.splice(this.closers.indexOf(close), 1);
        resolve(ok);
      };
      const buttons = h(
        'div',
        { class: 'ui-picker-buttons', style: 'display:flex;justify-content:space-between;background:#fff;border-bottom:1px solid #eee' },
        h('button', { class: 'ui-picker-cancel', style: 'width:auto;padding:12px 16px', onclick: () => close(false) }, cancelText),
        title ? h('div', { class: 'ui-sheet-title', style: 'border:0;flex:1' }, title) : h('div', { style: 'flex:1' }),
        noOk ? h('div', { style: 'width:60px' }) : h('button', { class: 'ui-picker-ok', style: 'width:auto;padding:12px 16px;color:#1677ff', onclick: () => close(true) }, okText),
      );
      const sheet = h('div', { class: 'ui-sheet ui-picker', role: 'dialog' }, buttons, h('div', { class: 'ui-picker-body', style: 'display:flex;gap:8px;padding:16px;background:#fff;max-height:300px;overflow:auto;flex-direction:column' }, ...content));
      const element = h('div', { class: 'ui-mask bottom' }, sheet);
      element.addEventListener('click', (event) => {
        if (event.target === element) close(false);
      });
      this.closers.push(close);
      this.layer.append(element);
    });
  }
}
