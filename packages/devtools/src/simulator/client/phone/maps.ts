/**
 * The simulator's map screens (host.maps): my.chooseLocation as a sheet with a few well-known places
 * and latitude / longitude inputs (a click on a place answers it; 确定 answers the typed point), and
 * my.openLocation as a sheet with a static drawn map (no tiles, nothing fetched) pinning the place,
 * its name and address. Cancel / a click outside answers the documented cancel (11). The sheets are
 * the pickers' (phone/pickers.ts).
 */
import type { ChosenLocation, MapsAdapter, OpenLocationRequest } from '@mpk/runtime';
import { h } from '../dom.ts';
import type { PhonePickers } from './pickers.ts';

const PLACES: ChosenLocation[] = [
  { name: '西湖', address: '浙江省杭州市西湖区龙井路1号', provinceName: '浙江省', cityName: '杭州市', latitude: 30.25961, longitude: 120.13026 },
  { name: '天安门广场', address: '北京市东城区东长安街', provinceName: '北京市', cityName: '北京市', latitude: 39.90374, longitude: 116.39773 },
  { name: '外滩', address: '上海市黄浦区中山东一路', provinceName: '上海市', cityName: '上海市', latitude: 31.23969, longitude: 121.49907 },
  { name: '广州塔', address: '广东省广州市海珠区阅江西路222号', provinceName: '广东省', cityName: '广州市', latitude: 23.10647, longitude: 113.32446 },
  { name: '深圳湾公园', address: '广东省深圳市南山区滨海大道', provinceName: '广东省', cityName: '深圳市', latitude: 22.51931, longitude: 113.94557 },
];

function coordinate(label: string, value: number | undefined, limit: number): HTMLInputElement {
  const input = h('input', { class: 'ui-picker-input', type: 'number', step: 'any', min: String(-limit), max: String(limit), placeholder: label, 'aria-label': label });
  if (value !== undefined) input.value = String(value);
  return input;
}

/** A static map: a grid, the place pinned in the middle, its name and address under it. */
function staticMap(place: OpenLocationRequest): HTMLElement {
  return h(
    'div',
    { class: 'ui-static-map', style: 'display:flex;flex-direction:column;gap:6px' },
    h(
      'div',
      {
        class: 'ui-static-map-ground',
        style: 'position:relative;height:180px;background:#eef1e6;background-image:linear-gradient(#dfe4d6 1px,transparent 1px),linear-gradient(90deg,#dfe4d6 1px,transparent 1px);background-size:32px 32px;border-radius:6px',
      },
      h('div', { class: 'ui-static-map-pin', style: 'position:absolute;left:calc(50% - 11px);top:calc(50% - 30px);width:22px;height:30px;background:#ff4d4f;border:2px solid #fff;box-sizing:border-box;border-radius:50% 50% 50% 0;transform:scale(.8) rotate(-45deg)' }),
    ),
    h('div', { class: 'ui-static-map-name', style: 'font-weight:600' }, place.name),
    h('div', { class: 'ui-static-map-address', style: 'color:#666;font-size:13px' }, `${place.address} · ${place.latitude}, ${place.longitude} · scale ${place.scale}`),
  );
}

export function phoneMaps(pickers: PhonePickers): MapsAdapter {
  return {
    chooseLocation: async (request) => {
      const latitude = coordinate('latitude', request.latitude, 90);
      const longitude = coordinate('longitude', request.longitude, 180);
      let chosen: ChosenLocation | null = null;
      const list = h('div', { class: 'ui-picker-list' });
      const done = pickers.sheet('选择位置', [list, h('div', { class: 'ui-picker-row', style: 'display:flex;gap:8px' }, latitude, longitude)]);
      for (const place of PLACES) {
        list.append(h('button', { class: 'ui-sheet-item ui-place', onclick: () => { chosen = { ...place }; pickers.closeTop(true); } }, `${place.name} · ${place.cityName}`));
      }
      if (!(await done)) return null;
      if (chosen) return chosen;
      const lat = Number(latitude.value);
      const lng = Number(longitude.value);
      if (latitude.value === '' || longitude.value === '' || !(Math.abs(lat) <= 90) || !(Math.abs(lng) <= 180)) return null;
      return { latitude: lat, longitude: lng, name: '地图选点', address: `${lat}, ${lng}`, provinceName: '', cityName: '' };
    },
    // The map screen opens (the call's success) and stays until the user closes it.
    openLocation: (request) => {
      void pickers.sheet(request.name, [staticMap(request)], '完成', '关闭');
    },
  };
}
