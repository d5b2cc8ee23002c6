/**
 * Video and audio as a mini-program sees them (docs: 组件/媒体组件/video — onPlay, onPause, onEnded,
 * onTimeUpdate {currentTime, userPlayDuration, videoDuration}, onFullScreenChange {fullScreen, direction};
 * api/多媒体/视频/my.createVideoContext; 音频播放/my.createInnerAudioContext — onCanplay … onError with
 * 10001–10007; my.getBackgroundAudioManager; 录音/my.getRecorderManager), in a real container through
 * the author harness: the headless `<video>` keeps its player state on the node, the harness's scripted
 * media players move only when the test advances time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { driverAppJs, evalInApp, setInApp } from '../support/driver.ts';
import { buttons, closeAll, launchProject, page } from '../support/project.ts';

afterAll(closeAll);

const VIDEO_PAGE = page('pages/index/index', {
  axml: `
    <video id="v" src="{{src}}" duration="30" initial-time="2" onPlay="on" data-e="play" onPause="on" data-p="pause"
      onEnded="ended" onTimeUpdate="time" onFullScreenChange="full" onError="failed" onStop="stopped" />
    ${buttons({ play: 'play', pause: 'pause', seek: 'seek', rate: 'rate', full: 'fullScreen', ghost: 'ghost' })}`,
  js: `Page({
    data: { src: 'https://example.com/movie.mp4', events: [], time: null },
    onReady() { this.video = my.createVideoContext('v'); },
    log(name) { this.setData({ events: [...this.data.events, name] }); },
    on(e) { this.log(e.type); },
    ended() { this.log('ended'); },
    stopped() { this.log('stop'); },
    time(e) { this.setData({ time: e.detail }); },
    full(e) { this.log('full:' + e.detail.fullScreen + ':' + e.detail.direction); },
    failed(e) { this.log('error:' + e.detail.errorCode); },
    play() { this.video.play(); },
    pause() { this.video.pause(); },
    seek() { this.video.seek(12); },
    rate() { this.video.playbackRate(1.5); this.video.mute(true); },
    fullScreen() { this.video.requestFullScreen({ direction: 90 }); },
    ghost() { my.createVideoContext('nope').play(); },
  });`,
});

describe('<video> and my.createVideoContext (headless)', () => {
  it('play / pause / seek / playbackRate / mute / requestFullScreen change the node\'s player and fire the page\'s handlers', async () => {
    const app = await launchProject(VIDEO_PAGE);
    const p = app.currentPage();
    expect(p.video('#v')).toMatchObject({ src: 'https://example.com/movie.mp4', playing: false, currentTime: 2, duration: 30 });
    expect(p.html()).toContain('src="https://example.com/movie.mp4"');

    await p.tap('#play');
    expect(p.video('#v').playing).toBe(true);
    expect(p.data.events).toEqual(['play']);

    await app.advanceMedia(3);
    expect(p.video('#v').currentTime).toBe(5);
    expect(p.data.time).toEqual({ currentTime: 5, userPlayDuration: 3, videoDuration: 30 });

    await p.tap('#pause');
    expect(p.video('#v').playing).toBe(false);
    expect(p.data.events).toEqual(['play', 'pause']);
    // Paused: time does not move.
    await app.advanceMedia(3);
    expect(p.video('#v').currentTime).toBe(5);

    await p.tap('#seek');
    expect(p.video('#v').currentTime).toBe(12);
    await p.tap('#rate');
    expect(p.video('#v')).toMatchObject({ playbackRate: 1.5, muted: true });
    await p.tap('#full');
    expect(p.video('#v').fullScreen).toBe(true);
    expect(p.data.events).toEqual(['play', 'pause', 'full:true:horizontal']);

    // Played to the end at 1.5×: the last timeUpdate, then ended.
    await p.tap('#play');
    await app.advanceMedia(20);
    expect(p.video('#v')).toMatchObject({ playing: false, currentTime: 30 });
    expect(p.data.events.slice(-2)).toEqual(['play', 'ended']);
    expect(app.errors).toEqual([]);
  });

  it('a context for an id that is not on the page warns, and nothing plays', async () => {
    const app = await launchProject(VIDEO_PAGE);
    const p = app.currentPage();
    await p.tap('#ghost');
    expect(p.video('#v').playing).toBe(false);
    expect(app.logs.some((l) => l.level === 'warn' && String(l.args[0]).includes('VideoContext.play: no <video> with id "nope"'))).toBe(true);
  });

  it('autoplay starts the video once it is rendered; a video without src answers play with error 1006', async () => {
    const app = await launchProject(
      page('pages/index/index', {
        axml: `<video id="a" src="https://example.com/a.mp4" autoplay onPlay="played" /><video id="b" onError="failed" /><view id="t" onTap="t">t</view>`,
        js: `Page({ data: { log: [] }, played() { this.setData({ log: [...this.data.log, 'a:play'] }); },
          failed(e) { this.setData({ log: [...this.data.log, 'b:' + e.detail.errorCode] }); },
          t() { my.createVideoContext('b').play(); } });`,
      }),
    );
    const p = app.currentPage();
    expect(p.video('#a').playing).toBe(true);
    await p.tap('#t');
    expect(p.data.log).toEqual(['a:play', 'b:1006']);
  });
});

const AUDIO_APP = `
  audioLog: [],
  startAudio() {
    const a = this.audio = my.createInnerAudioContext();
    const log = (line) => this.audioLog.push(line);
    for (const name of ['Canplay', 'Play', 'Pause', 'Stop', 'Ended', 'Seeking', 'Seeked']) a['on' + name](() => log(name + '@' + a.currentTime));
    a.onTimeUpdate(() => log('TimeUpdate@' + a.currentTime + '/' + a.duration));
    a.onError((e) => log('Error ' + e.error + ' ' + e.errorMessage));
    a.src = this.src;
    a.play();
    return [a.paused, a.src, typeof a.onWaiting, typeof a.offPlay];
  },
  audioCall() { const [method, arg] = this.args; this.audio[method](arg); return [this.audio.paused, this.audio.currentTime]; },
  takeLog() { const out = this.audioLog; this.audioLog = []; return out; },
  background() {
    const m = my.getBackgroundAudioManager();
    m.onPlay(() => this.audioLog.push('bg:Play ' + m.title + ' ' + m.paused));
    m.title = 'Song';
    m.src = 'https://example.com/bg.mp3';
    return m === my.getBackgroundAudioManager();
  },
  record() {
    const r = my.getRecorderManager();
    r.onStart(() => this.audioLog.push('rec:Start'));
    r.onStop((res) => this.audioLog.push('rec:Stop ' + res.duration + ' ' + res.tempFilePath.startsWith('https://resource/') + ' ' + res.fileSize));
    r.onError((e) => this.audioLog.push('rec:Error ' + e.error));
    r.start({ duration: 5000, format: 'mp3' });
    return r === my.getRecorderManager();
  },
  can() { return ['createInnerAudioContext', 'getBackgroundAudioManager', 'getRecorderManager', 'createVideoContext'].map((n) => n + ':' + my.canIUse(n)); },`;

const audioFiles = () => ({ 'app.js': driverAppJs(AUDIO_APP), ...page('pages/index/index', { axml: '<view>audio</view>' }) });

describe('my.createInnerAudioContext (the harness\'s scripted player)', () => {
  it('events in order with the player\'s state; time moves only with app.advanceMedia; seek, pause, stop', async () => {
    const app = await launchProject(audioFiles(), { media: { durations: { 'https://example.com/song.mp3': 10 } } });
    await setInApp(app, 'src', 'https://example.com/song.mp3');
    // paused is read at once: the Play event has not arrived yet.
    expect(await evalInApp(app, 'startAudio')).toEqual([true, 'https://example.com/song.mp3', 'function', 'function']);
    expect(await evalInApp(app, 'takeLog')).toEqual(['Canplay@0', 'Play@0']);
    expect(app.media.player('https://example.com/song.mp3')?.current).toMatchObject({ paused: false, duration: 10 });

    await app.advanceMedia(4);
    expect(await evalInApp(app, 'takeLog')).toEqual(['TimeUpdate@4/10']);
    await setInApp(app, 'args', ['seek', 8]);
    expect(await evalInApp(app, 'audioCall')).toEqual([false, 4]);
    expect(await evalInApp(app, 'takeLog')).toEqual(['Seeking@4', 'Seeked@8']);
    await app.advanceMedia(5);
    expect(await evalInApp(app, 'takeLog')).toEqual(['TimeUpdate@10/10', 'Ended@10']);

    await setInApp(app, 'args', ['play']);
    await evalInApp(app, 'audioCall');
    await setInApp(app, 'args', ['pause']);
    await evalInApp(app, 'audioCall');
    await app.advanceMedia(3);
    await setInApp(app, 'args', ['stop']);
    await evalInApp(app, 'audioCall');
    expect(await evalInApp(app, 'takeLog')).toEqual(['Play@0', 'Pause@0', 'Stop@0']);
    expect(app.errors).toEqual([]);
  });

  it('the app going to the background pauses foreground audio; the background manager plays on', async () => {
    const app = await launchProject(audioFiles());
    await setInApp(app, 'src', 'https://example.com/song.mp3');
    await evalInApp(app, 'startAudio');
    await evalInApp(app, 'background');
    await evalInApp(app, 'takeLog');
    await app.hide();
    expect(await evalInApp(app, 'takeLog')).toEqual(['Pause@0']);
    expect(app.media.player('https://example.com/bg.mp3')?.current.paused).toBe(false);
    expect(app.media.player('https://example.com/song.mp3')?.current.paused).toBe(true);
  });

  it('a src that fails answers onError with its documented code', async () => {
    const app = await launchProject(audioFiles(), { media: { errors: { 'https://example.com/gone.mp3': 10002 } } });
    await setInApp(app, 'src', 'https://example.com/gone.mp3');
    await evalInApp(app, 'startAudio');
    expect(await evalInApp(app, 'takeLog')).toEqual(['Error 10002 网络错误。 (https://example.com/gone.mp3)', 'Error 10002 网络错误。 (https://example.com/gone.mp3)']);
  });

  it('the background manager is one object and starts playing when it gets a src; the recorder stores a temporary file', async () => {
    const app = await launchProject(audioFiles(), { host: { permissions: { record: 'granted' } } });
    expect(await evalInApp(app, 'background')).toBe(true);
    expect(await evalInApp(app, 'record')).toBe(true);
    await app.advanceMedia(2);
    expect(app.media.recording).toMatchObject({ state: 'recording', seconds: 2, options: { format: 'mp3', duration: 5000 } });
    await app.advanceMedia(10);
    const log = (await evalInApp(app, 'takeLog')) as string[];
    expect(log[0]).toBe('bg:Play Song false');
    expect(log.slice(1)).toEqual(['rec:Start', 'rec:Stop 5000 true 10000']);
    expect(app.media.players.map((p) => p.kind)).toEqual(['background']);
  });

  it('the recorder without the record permission answers onError 2001-family; without host.media nothing is supported', async () => {
    const app = await launchProject(audioFiles());
    await evalInApp(app, 'record');
    expect(((await evalInApp(app, 'takeLog')) as string[])[0]).toMatch(/^rec:Error 20\d\d$/);
    expect(await evalInApp(app, 'can')).toEqual(['createInnerAudioContext:true', 'getBackgroundAudioManager:true', 'getRecorderManager:true', 'createVideoContext:true']);

    const bare = await launchProject(audioFiles(), { host: { media: {} } });
    expect(await evalInApp(bare, 'can')).toEqual(['createInnerAudioContext:false', 'getBackgroundAudioManager:false', 'getRecorderManager:false', 'createVideoContext:true']);
  });
});
