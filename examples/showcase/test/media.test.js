import { afterEach, describe, expect, it } from 'vitest';
import { launch } from '@mpk/devtools/harness';
import { project } from './support/project.js';

const MEDIA = 'sub/media/media';
let app;

afterEach(async () => {
  if (!app) return;
  const closing = app;
  app = undefined;
  await closing.close();
  expect(closing.errors).toEqual([]);
});

describe('media and map page', () => {
  it('plays the video from its context and shows the time the player reports', async () => {
    app = await launch(project, { page: MEDIA });
    const page = app.currentPage();
    await page.tap('#video-play');
    expect(page.video('#clip').playing).toBe(true);
    await app.advanceMedia(4);
    expect(page.text('#video-status')).toBe('playing at 4 s');
    await page.tap('#video-pause');
    expect(page.text('#video-status')).toBe('paused at 4 s');
  });

  it('plays a song to its end through the scripted player', async () => {
    app = await launch(project, { page: MEDIA, media: { durations: { 'https://example.com/showcase/song.mp3': 30 } } });
    const page = app.currentPage();
    await page.tap('#audio-play');
    expect(page.text('#audio-status')).toBe('playing');
    await app.advanceMedia(31);
    expect(page.text('#audio-status')).toBe('ended after 30 s');
  });

  it('a tap on a marker names it; choosing a place re-centres the map; a cancel says so', async () => {
    app = await launch(project, { page: MEDIA, maps: { chooseLocation: { latitude: 30.27, longitude: 120.15, name: '北山街', address: '杭州' } } });
    const page = app.currentPage();
    await page.tapMarker('#map', 2);
    expect(page.text('#map-status')).toBe('marker 雷峰塔');
    await page.tap('#choose');
    expect(page.text('#map-status')).toBe('chose 北山街 · centre 30.27, 120.15');
    app.maps.answers.chooseLocation = null;
    await page.tap('#choose');
    expect(page.text('#map-status')).toBe('cancelled');
    await page.tap('#open');
    expect(app.maps.opened()).toEqual([{ latitude: 30.2596, longitude: 120.1303, name: '西湖', address: '浙江省杭州市西湖区', scale: 15 }]);
  });
});
