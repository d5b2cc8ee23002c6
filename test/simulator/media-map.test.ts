/**
 * Video, audio, the map and the location screens in the simulator (real Chromium): a `<video>` is an
 * HTMLVideoElement with its src and the VideoContext drives it (full screen, mute) with the
 * component's events reaching the page, and plays real media (a silent WAV from a loopback server:
 * onPlay, onTimeUpdate, onEnded); an InnerAudioContext plays it through HTMLAudioElement (onCanplay,
 * onPlay, onEnded) and a src the server does not have answers onError 10007; a `<map>` draws its markers at distinct places and a
 * click on one reaches onMarkerTap with its id; my.chooseLocation's sheet answers a place (cancel 11);
 * my.openLocation shows a static map sheet. Screenshots: test/artifacts/video.png, map.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, launchBrowser, openProject, startLoopbackServer, type LoopbackServer, type Simulator } from './support.ts';

let browser: Browser;
let sim: Simulator;
let page: Page;

const MARKERS = [
  { id: 7, latitude: 30.266, longitude: 120.152, title: 'North-east', callout: { content: '断桥' } },
  { id: 8, latitude: 30.246, longitude: 120.132, title: 'South-west' },
  { id: 9, latitude: 30.256, longitude: 120.142, title: 'Centre' },
];

/** `seconds` of silence as a 16-bit mono WAV: real media a `<video>` and an `<audio>` play, from a loopback server. */
function silentWav(seconds: number, rate = 8000): Buffer {
  const bytes = Math.round(seconds * rate) * 2;
  const wav = Buffer.alloc(44 + bytes);
  wav.write('RIFF', 0);
  wav.writeUInt32LE(36 + bytes, 4);
  wav.write('WAVEfmt ', 8);
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(rate, 24);
  wav.writeUInt32LE(rate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36);
  wav.writeUInt32LE(bytes, 40);
  return wav;
}

const files = (tone: string): Record<string, string> => ({
  'app.json': JSON.stringify({ pages: ['pages/index/index'], window: { defaultTitle: 'Media' } }),
  'mini.project.json': JSON.stringify({ format: 2, compileType: 'mini' }),
  'app.js': 'App({});\n',
  'pages/index/index.axml': `
<view id="status">{{status}}</view>
<video id="clip" src="/media/clip.mp4" controls="{{false}}" object-fit="fill" style="width: 200px; height: 120px"
  onFullScreenChange="full" onError="videoError" />
<video id="tone" src="${tone}" style="width: 100px; height: 40px" onPlay="toneEvent" onTimeUpdate="toneTime" onEnded="toneEvent" />
<map id="map" style="width: 300px; height: 200px" longitude="120.142" latitude="30.256" scale="13" markers="{{markers}}"
  polyline="{{polyline}}" circles="{{circles}}" onMarkerTap="markerTap" onTap="mapTap" />
${['fullscreen', 'mute', 'audio', 'choose', 'open', 'scale', 'playTone', 'playSong'].map((m) => `<button id="${m}" onTap="${m}">${m}</button>`).join('\n')}`,
  'pages/index/index.js': `Page({
  data: { status: 'idle', markers: ${JSON.stringify(MARKERS)},
    polyline: [{ points: [{ latitude: 30.266, longitude: 120.152 }, { latitude: 30.246, longitude: 120.132 }], color: '#1677ff', width: 4 }],
    circles: [{ latitude: 30.256, longitude: 120.142, radius: 400, color: '#52c41a', fillColor: '#52c41a33' }] },
  onReady() { this.video = my.createVideoContext('clip'); this.map = my.createMapContext('map'); this.tone = my.createVideoContext('tone'); },
  toneEvent(e) { this.setData({ status: 'tone ' + e.type + (this.times ? ' after timeUpdate' : '') }); },
  toneTime(e) { this.times = (this.times || 0) + 1; },
  playTone() { this.tone.play(); },
  playSong() {
    const a = my.createInnerAudioContext();
    const seen = [];
    for (const name of ['Canplay', 'Play', 'Ended']) a['on' + name](() => { seen.push(name); this.setData({ status: 'song ' + seen.join(',') + ' ' + a.paused }); });
    a.src = '${tone}';
    a.play();
  },
  full(e) { this.setData({ status: 'full ' + e.detail.fullScreen }); },
  videoError(e) { this.setData({ status: 'video error ' + e.detail.errorCode }); },
  fullscreen() { this.video.requestFullScreen({ direction: 0 }); },
  mute() { this.video.exitFullScreen(); this.video.mute(true); this.setData({ status: 'muted' }); },
  markerTap(e) { this.setData({ status: 'marker ' + e.detail.markerId }); },
  mapTap(e) { this.setData({ status: 'map ' + e.detail.latitude + ' ' + e.detail.longitude }); },
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
});

const text = (selector: string) => sim.text(selector);
const tap = (id: string) => page.locator(`#${id}`).click();

let media: LoopbackServer;

beforeAll(async () => {
  const wav = silentWav(0.6);
  media = await startLoopbackServer((_request, response) => response.writeHead(200, { 'content-type': 'audio/wav', 'content-length': wav.length }).end(wav));
  const tone = `${media.url}/tone.wav`;
  browser = await launchBrowser();
  sim = await openProject(browser, files(tone));
  page = sim.page;
  await page.locator('#status').waitFor();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await sim?.close();
  await browser?.close();
  await media?.close();
});

describe('simulator: <video> and VideoContext', () => {
  it('renders an HTML video with its src and attributes; requestFullScreen / mute reach it and onFullScreenChange fires', async () => {
    const element = page.locator('#clip video');
    await element.waitFor();
    expect(await element.getAttribute('src')).toMatch(/\/media\/clip\.mp4$/);
    expect(await element.evaluate((v: HTMLVideoElement) => [v.controls, v.style.objectFit, v.muted])).toEqual([false, 'fill', false]);
    await page.locator('#clip').screenshot({ path: path.join(ARTIFACTS, 'video.png') });

    await tap('fullscreen');
    await expect.poll(() => text('#status')).toBe('full true');
    expect(await page.locator('#clip').evaluate((e) => e.classList.contains('mpk-video-fullscreen'))).toBe(true);
    await tap('mute');
    await expect.poll(() => element.evaluate((v: HTMLVideoElement) => v.muted)).toBe(true);
    expect(await page.locator('#clip').evaluate((e) => e.classList.contains('mpk-video-fullscreen'))).toBe(false);
  });

  it('VideoContext.play() plays real media: onPlay, onTimeUpdate, then onEnded reach the page', async () => {
    await tap('playTone');
    await expect.poll(() => text('#status'), { timeout: 10_000 }).toBe('tone ended after timeUpdate');
  });

  it('an InnerAudioContext plays real media through HTMLAudioElement: onCanplay, onPlay, onEnded, then paused', async () => {
    await tap('playSong');
    // The element reports play as soon as it is asked, canplay once it loaded: either order, then the end.
    await expect.poll(() => text('#status'), { timeout: 10_000 }).toMatch(/^song (Canplay,Play|Play,Canplay),Ended true$/);
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
    // A tap beside the centre marker, on the map: the point's coordinates (west of the centre, same latitude).
    await page.mouse.click(box.x + 40, box.y + box.height / 2);
    await expect.poll(() => text('#status')).toMatch(/^map /);
    const [, lat, lng] = (await text('#status')).split(' ').map(Number);
    expect(lat).toBeCloseTo(30.256, 3);
    expect(lng).toBeLessThan(120.142);
    expect(lng).toBeGreaterThan(120.1);
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
