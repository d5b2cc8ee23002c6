/**
 * Video, audio, the map and the location screens in the simulator (real Chromium): a `<video>` is an
 * HTMLVideoElement with its src and the VideoContext drives it (full screen, mute) with the
 * component's events reaching the page; an InnerAudioContext plays through HTMLAudioElement (a src
 * the server does not have answers onError 10007); a `<map>` draws its markers at distinct places and a
 * click on one reaches onMarkerTap with its id; my.chooseLocation's sheet answers a place (cancel 11);
 * my.openLocation shows a static map sheet. Screenshots: test/artifacts/video.png, map.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, openProject, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;

const MARKERS = [
  { id: 7, latitude: 30.266, longitude: 120.152, title: 'North-east', callout: { content: '断桥' } },
  { id: 8, latitude: 30.246, longitude: 120.132, title: 'South-west' },
  { id: 9, latitude: 30.256, longitude: 120.142, title: 'Centre' },
];

const files: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Media' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.axml': `
<view id="status">{{status}}</view>
<video id="clip" src="/media/clip.mp4" controls="{{false}}" object-fit="fill" style="width: 200px; height: 120px"
  onFullScreenChange="full" onError="videoError" />
<map id="map" style="width: 300px; height: 200px" longitude="120.142" latitude="30.256" scale="13" markers="{{markers}}"
  polyline="{{polyline}}" circles="{{circles}}" onMarkerTap="markerTap" />
${['fullscreen', 'mute', 'audio', 'choose', 'open', 'scale'].map((m) => `<button id="${m}" onTap="${m}">${m}</button>`).join('\n')}`,
  'pages/index/index.js': `Page({
  data: { status: 'idle', markers: ${JSON.stringify(MARKERS)},
    polyline: [{ points: [{ latitude: 30.266, longitude: 120.152 }, { latitude: 30.246, longitude: 120.132 }], color: '#1677ff', width: 4 }],
    circles: [{ latitude: 30.256, longitude: 120.142, radius: 400, color: '#52c41a', fillColor: '#52c41a33' }] },
  onReady() { this.video = my.createVideoContext('clip'); this.map = my.createMapContext('map'); },
  full(e) { this.setData({ status: 'full ' + e.detail.fullScreen }); },
  videoError(e) { this.setData({ status: 'video error ' + e.detail.errorCode }); },
  fullscreen() { this.video.requestFullScreen({ direction: 0 }); },
  mute() { this.video.exitFullScreen(); this.video.mute(true); this.setData({ status: 'muted' }); },
  markerTap(e) { this.setData({ status: 'marker ' + e.detail.markerId }); },
  audio() {
    const a = my.createInnerAudioContext();
    a.onError((e) => this.setData({ status: 'audio error ' + e.error }));
    a.src = '/media/missing.mp3';
    a.play();
  },
  choose() {
    my.chooseLocation({ success: (res) => this.setData({ status: 'place ' + res.name + ' ' + res.latitude }), fail: (e) => this.setData({ status: 'place fail ' + e.error }) });
  },
  open() { my.openLocation({ latitude: 30.27, longitude: 120.15, name: '断桥残雪', address: '北山街', success: () => this.setData({ status: 'opened' }) }); },
  scale() { this.map.getScale({ success: (res) => this.setData({ status: 'scale ' + res.scale }) }); },
});
`,
};

const text = (selector: string) => sim.text(selector);
const tap = (id: string) => page.locator(`#${id}`).click();

beforeAll(async () => {
  browser = await launchBrowser();
  sim = await openProject(browser, files);
  page = sim.page;
  await page.locator('#status').waitFor();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
});

describe('simulator: <video> and VideoContext', () => {
  it('renders an HTML video with its src and attributes; requestFullScreen / mute reach it and onFullScreenChange fires', async () => {
    const element = page.locator('[data-tag="video"] video');
    await element.waitFor();
    expect(await element.getAttribute('src')).toMatch(/\/media\/clip\.mp4$/);
    expect(await element.evaluate((v: HTMLVideoElement) => [v.controls, v.style.objectFit, v.muted])).toEqual([false, 'fill', false]);
    await page.locator('[data-tag="video"]').screenshot({ path: path.join(ARTIFACTS, 'video.png') });

    await tap('fullscreen');
    await expect.poll(() => text('#status')).toBe('full true');
    expect(await page.locator('[data-tag="video"]').evaluate((e) => e.classList.contains('mpk-video-fullscreen'))).toBe(true);
    await tap('mute');
    await expect.poll(() => element.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    expect(await page.locator('[data-tag="video"]').evaluate((e) => e.classList.contains('mpk-video-fullscreen'))).toBe(false);
  });

  it('an InnerAudioContext plays through HTMLAudioElement: a src the server does not have answers onError 10007', async () => {
    await tap('audio');
    await expect.poll(() => text('#status'), { timeout: 10_000 }).toMatch(/^audio error (10007|10002)$/);
  });
});

describe('simulator: <map>', () => {
  it('draws the markers at distinct places inside the box; a click on one reaches onMarkerTap with its id', async () => {
    const markers = page.locator('[data-tag="map"] .mpk-map-marker');
    await expect.poll(() => markers.count()).toBe(3);
    const box = (await page.locator('[data-tag="map"]').boundingBox())!;
    const boxes = await Promise.all([0, 1, 2].map(async (i) => (await markers.nth(i).boundingBox())!));
    const centres = boxes.map((b) => ({ x: Math.round(b.x + b.width / 2), y: Math.round(b.y + b.height) }));
    expect(new Set(centres.map((c) => `${c.x},${c.y}`)).size).toBe(3);
    for (const c of centres) {
      expect(c.x).toBeGreaterThan(box.x);
      expect(c.x).toBeLessThan(box.x + box.width);
      expect(c.y).toBeGreaterThan(box.y);
      expect(c.y).toBeLessThanOrEqual(box.y + box.height);
    }
    // North-east of the south-west marker: right of it and above it; the centre marker at the box's centre.
    expect(centres[0]!.x).toBeGreaterThan(centres[1]!.x);
    expect(centres[0]!.y).toBeLessThan(centres[1]!.y);
    expect(Math.abs(centres[2]!.x - (box.x + box.width / 2))).toBeLessThanOrEqual(1);
    expect(await page.locator('[data-tag="map"] polyline').count()).toBe(1);
    expect(await page.locator('[data-tag="map"] .mpk-map-callout').textContent()).toBe('断桥');
    await page.locator('[data-tag="map"]').screenshot({ path: path.join(ARTIFACTS, 'map.png') });

    await markers.nth(1).click();
    await expect.poll(() => text('#status')).toBe('marker 8');
    await tap('scale');
    await expect.poll(() => text('#status')).toBe('scale 13');
  });
});

describe('simulator: chooseLocation and openLocation sheets', () => {
  it('my.chooseLocation: a place from the list answers; 取消 answers 11', async () => {
    await tap('choose');
    await page.locator('.ui-place').first().click();
    await expect.poll(() => text('#status')).toBe('place 西湖 30.25961');
    await tap('choose');
    await page.locator('.ui-picker-cancel').click();
    await expect.poll(() => text('#status')).toBe('place fail 11');
  });

  it('my.openLocation shows the place on a static map sheet', async () => {
    await tap('open');
    await expect.poll(() => text('#status')).toBe('opened');
    expect(await text('.ui-static-map-name')).toBe('断桥残雪');
    await page.locator('.ui-picker-cancel').click();
    await expect.poll(() => page.locator('.ui-static-map').count()).toBe(0);
  });
});
