/**
 * Location and the map as a mini-program sees them (docs: 基础API/位置/my.chooseLocation — 11 用户取消操作;
 * my.openLocation — 2 缺少必要的参数; 组件/map — markers, onMarkerTap {markerId, latitude, longitude};
 * api/界面/地图/my.createMapContext + MapContext.getCenterLocation, moveToLocation (6000 未允许定位),
 * includePoints, getRegion, getScale (5–18, default 16), changeMarkers, translateMarker), in a real
 * container through the author harness, whose scripted map screens answer.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, driverAppJs, evalInApp, payload } from '../support/driver.ts';
import { buttons, closeAll, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const MARKERS = [
  { id: 1, latitude: 30.266, longitude: 120.152, title: 'A' },
  { id: 2, latitude: 30.246, longitude: 120.132, title: 'B' },
];

const extra = `can() { return ['chooseLocation', 'openLocation', 'createMapContext'].map((n) => n + ':' + my.canIUse(n)); },`;

const files = () => ({ 'app.js': driverAppJs(extra), ...page('pages/index/index', { axml: '<view>location</view>' }) });

describe('my.chooseLocation and my.openLocation (host.maps; the harness scripts the user)', () => {
  it('chooseLocation answers the scripted place and records the request; null is the user cancelling (11)', async () => {
    const place = { latitude: 31.2304, longitude: 121.4737, name: '人民广场', address: '上海市黄浦区', provinceName: '上海市', cityName: '上海市' };
    const app = await launchProject(files(), { maps: { chooseLocation: place } });
    const [success] = await callApi(app, 'chooseLocation', { latitude: 31.2, longitude: 121.4 });
    expect(payload(success)).toEqual(place);
    expect(app.maps.calls.filter((c) => c.api === 'chooseLocation').map((c) => c.args)).toEqual([{ latitude: 31.2, longitude: 121.4 }]);

    app.maps.answers.chooseLocation = null;
    const [fail] = await callApi(app, 'chooseLocation');
    expect(fail).toMatch(/^fail /);
    expect(payload(fail)).toMatchObject({ error: 11, errorMessage: expect.stringContaining('用户取消操作') });
  });

  it('unscripted, the picker confirms the preset point (else West Lake)', async () => {
    const app = await launchProject(files());
    expect(payload((await callApi(app, 'chooseLocation', { latitude: 22.5, longitude: 114.05 }))[0])).toMatchObject({ latitude: 22.5, longitude: 114.05 });
    expect(payload((await callApi(app, 'chooseLocation'))[0])).toMatchObject({ name: '西湖', cityName: '杭州市' });
  });

  it('openLocation shows the place (recorded) with the default scale 15; a missing name is 2', async () => {
    const app = await launchProject(files());
    const [success] = await callApi(app, 'openLocation', { latitude: 30.27, longitude: 120.15, name: '断桥', address: '北山街' });
    expect(success).toBe('success {}');
    expect(app.maps.opened()).toEqual([{ latitude: 30.27, longitude: 120.15, name: '断桥', address: '北山街', scale: 15 }]);
    expect(payload((await callApi(app, 'openLocation', { latitude: 30.27, longitude: 120.15, address: 'x' }))[0])).toMatchObject({ error: 2 });
    expect(app.maps.opened()).toHaveLength(1);
  });

  it('without host.maps both exist on my, canIUse is false and calls answer 1', async () => {
    const app = await launchProject(files(), { host: { maps: {} } });
    expect(await evalInApp(app, 'can')).toEqual(['chooseLocation:false', 'openLocation:false', 'createMapContext:true']);
    expect(payload((await callApi(app, 'chooseLocation'))[0])).toMatchObject({ error: 1 });
  });
});

const MAP_PAGE = page('pages/index/index', {
  axml: `<map id="m" style="width: 300px; height: 200px" longitude="120.142" latitude="30.256" scale="14" markers="{{markers}}"
      polyline="{{polyline}}" circles="{{circles}}" onMarkerTap="markerTap" onTap="mapTap" />
    ${buttons({ ask: 'ask', move: 'move', fit: 'fit', change: 'change', slide: 'slide', nowhere: 'nowhere', route: 'planRoute' })}`,
  js: `Page({
    data: { markers: ${JSON.stringify(MARKERS)}, polyline: [{ points: [{ latitude: 30.266, longitude: 120.152 }, { latitude: 30.246, longitude: 120.132 }], color: '#1677ff', width: 4 }],
      circles: [{ latitude: 30.256, longitude: 120.142, radius: 300 }], tapped: [], answers: [] },
    onReady() { this.map = my.createMapContext('m'); },
    markerTap(e) { this.setData({ tapped: [...this.data.tapped, e.detail.markerId] }); },
    note(name) { return (res) => this.setData({ answers: [...this.data.answers, [name, res]] }); },
    ask() {
      this.map.getCenterLocation({ success: this.note('center') });
      this.map.getScale({ success: this.note('scale') });
      this.map.getRegion({ success: this.note('region') });
    },
    move() { this.map.moveToLocation({ longitude: 121.47, latitude: 31.23, success: this.note('moved') }); this.ask(); },
    fit() { this.map.includePoints({ points: ${JSON.stringify(MARKERS)}, padding: [10], success: this.note('fitted') }); this.ask(); },
    change() { this.map.changeMarkers({ add: [{ id: 3, latitude: 30.25, longitude: 120.14 }], remove: [{ id: 1 }], success: this.note('changed') }); },
    slide() { this.map.translateMarker({ markerId: 2, destination: { latitude: 30.2, longitude: 120.1 }, animationEnd: this.note('end'), success: this.note('slid') }); },
    nowhere() { this.map.moveToLocation({ fail: this.note('moveFail') }); },
    planRoute() { this.map.showRoute({ startLat: 30, startLng: 120, endLat: 31, endLng: 121, fail: this.note('routeFail') }); },
  });`,
});

describe('<map> and my.createMapContext (headless)', () => {
  it('a tap on a marker reaches onMarkerTap with its id', async () => {
    const app = await launchProject(MAP_PAGE);
    const p = app.currentPage();
    expect(p.map('#m').markers.map((m) => m.id)).toEqual([1, 2]);
    await p.tapMarker('#m', 2);
    await p.tapMarker('#m', 1);
    expect(p.data.tapped).toEqual([2, 1]);
    await expect(p.tapMarker('#m', 9)).rejects.toThrow(/no marker with id 9/);
  });

  it('markers are projected to distinct places inside the box', async () => {
    const app = await launchProject(MAP_PAGE);
    const map = app.currentPage().map('#m');
    const [a, b] = map.markers.map((m) => map.project(m));
    for (const point of [a!, b!]) {
      expect(point.x).toBeGreaterThan(0);
      expect(point.x).toBeLessThan(375);
    }
    // A is north-east of B: right of it and above it.
    expect(a!.x).toBeGreaterThan(b!.x);
    expect(a!.y).toBeLessThan(b!.y);
  });

  it('getCenterLocation / getScale / getRegion answer the attributes; moveToLocation and includePoints move the view', async () => {
    const app = await launchProject(MAP_PAGE);
    const p = app.currentPage();
    await p.tap('#ask');
    const [center, scale, region] = p.data.answers;
    expect(center).toEqual(['center', { latitude: 30.256, longitude: 120.142 }]);
    expect(scale).toEqual(['scale', { scale: 14 }]);
    const { southwest, northeast } = region[1];
    expect(southwest.latitude).toBeLessThan(30.256);
    expect(northeast.latitude).toBeGreaterThan(30.256);
    expect(southwest.longitude).toBeLessThan(120.142);
    expect(northeast.longitude).toBeGreaterThan(120.142);

    await p.tap('#move');
    expect(p.data.answers.slice(3, 6)).toEqual([['moved', {}], ['center', { latitude: 31.23, longitude: 121.47 }], ['scale', { scale: 16 }]]);

    await p.tap('#fit');
    const fitted = p.data.answers.slice(7, 10);
    expect(fitted[0]).toEqual(['fitted', {}]);
    expect(fitted[1][1].latitude).toBeCloseTo(30.256, 3);
    expect(fitted[1][1].longitude).toBeCloseTo(120.142, 3);
    // Both markers inside the view at the largest scale that holds them.
    expect(fitted[2][1].scale).toBeGreaterThanOrEqual(5);
    const map = p.map('#m');
    for (const marker of MARKERS) {
      const at = map.project(marker);
      expect(at.x).toBeGreaterThanOrEqual(10);
      expect(at.y).toBeGreaterThanOrEqual(10);
    }
  });

  it('changeMarkers and translateMarker change the markers; moveToLocation without a point is 6000; unsupported methods answer 1', async () => {
    const app = await launchProject(MAP_PAGE);
    const p = app.currentPage();
    await p.tap('#change');
    expect(p.map('#m').markers.map((m) => m.id)).toEqual([2, 3]);
    await p.tap('#slide');
    expect(p.map('#m').markers.find((m) => m.id === 2)).toMatchObject({ latitude: 30.2, longitude: 120.1 });
    await p.tap('#nowhere');
    await p.tap('#route');
    const names = p.data.answers.map((a: [string, unknown]) => a[0]);
    expect(names).toEqual(['changed', 'slid', 'end', 'moveFail', 'routeFail']);
    expect(p.data.answers[3][1]).toMatchObject({ error: 6000 });
    expect(p.data.answers[4][1]).toMatchObject({ error: 1, errorMessage: expect.stringContaining('MapContext.showRoute') });
    // The tapped marker after the change is the new one.
    await p.tapMarker('#m', 3);
    expect(p.data.tapped).toEqual([3]);
  });
});
