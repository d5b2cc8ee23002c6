/**
 * `video` (docs: 组件/媒体组件/video): a real HTMLVideoElement inside a `div[data-tag=video]` with
 * src, poster, controls (default true), autoplay, loop, muted, object-fit (contain | fill | cover),
 * initial-time. The element's events become the component's: play, pause, ended, timeUpdate
 * `{ currentTime, userPlayDuration, videoDuration }`, loading (waiting), renderStart (first frame),
 * error `{ errorCode }` (MediaError → the documented 1005 network / 1023 decode / 1006 source codes),
 * stop, fullScreenChange `{ fullScreen, direction }` and userAction `{ tag: 'centerplay' }` (the centre play
 * button over a paused video, `show-center-play-btn`). VideoContext methods arrive as `control`
 * calls. Full screen fills the phone's screen (the host gets a class) instead of the host page's
 * screen: the app's video never covers the devtools around it.
 */

import type { ComponentAnswer } from '../../../contract/renderer.ts';
import type { ComponentFactory } from '../types.ts';
import { toBool, toNumber, toText } from './util.ts';

/** MediaError codes → the documented ones (aborted 1, network 1005, decode 1023, source not supported 1006). */
const ERROR_CODES: Record<number, number> = { 1: 1, 2: 1005, 3: 1023, 4: 1006 };
const RATES = [0.5, 0.8, 1, 1.25, 1.5, 2];
const FITS: Record<string, string> = { contain: 'contain', fill: 'fill', cover: 'cover' };

export const video: ComponentFactory = (ctx) => {
  const doc = ctx.doc;
  const host = doc.createElement('div');
  host.setAttribute('data-tag', 'video');
  const element = doc.createElement('video');
  element.className = 'mpk-video-element';
  element.setAttribute('playsinline', '');
  element.controls = true;
  element.preload = 'metadata';
  // The centre play button (show-center-play-btn, default true) over a paused video.
  const centerPlay = doc.createElement('div');
  centerPlay.className = 'mpk-video-center-play';
  centerPlay.setAttribute('role', 'button');
  centerPlay.setAttribute('aria-label', 'play');
  host.append(element, centerPlay);
  let showCenterPlay = true;
  const syncCenterPlay = () => {
    centerPlay.hidden = !(showCenterPlay && element.paused);
  };

  let initialTime = 0;
  let played = 0;
  let lastTime = 0;
  let stopping = false;
  let rendered = false;
  let fullScreen = false;
  let durationAttr: number | undefined;

  const videoDuration = () => (Number.isFinite(element.duration) ? element.duration : durationAttr ?? 0);
  const on = (type: string, listener: () => void) => element.addEventListener(type, listener);
  on('play', () => {
    syncCenterPlay();
    ctx.dispatch('play', {});
  });
  on('pause', () => {
    syncCenterPlay();
    if (stopping) {
      stopping = false;
      return;
    }
    if (!element.ended) ctx.dispatch('pause', {});
  });
  on('ended', () => ctx.dispatch('ended', {}));
  on('waiting', () => ctx.dispatch('loading', {}));
  on('playing', () => {
    if (rendered) return;
    rendered = true;
    ctx.dispatch('renderStart', {});
  });
  on('timeupdate', () => {
    const now = element.currentTime;
    if (!element.paused && now > lastTime && now - lastTime < 2) played += now - lastTime;
    lastTime = now;
    ctx.dispatch('timeUpdate', { currentTime: now, userPlayDuration: played, videoDuration: videoDuration() });
  });
  on('loadedmetadata', () => {
    if (initialTime > 0 && initialTime < videoDuration()) element.currentTime = initialTime;
  });
  on('error', () => {
    if (!element.getAttribute('src')) return;
    const code = ERROR_CODES[element.error?.code ?? 0] ?? 1;
    ctx.dispatch('error', { errorCode: code, errorMessage: element.error?.message ?? '' });
  });

  const play = () => {
    if (!element.getAttribute('src')) {
      ctx.dispatch('error', { errorCode: 1006, errorMessage: '数据源错误。 (the video has no src)' });
      return;
    }
    // A refusal (the autoplay policy, a bad source) arrives as the element's error or as nothing.
    element.play().catch(() => undefined);
  };

  centerPlay.addEventListener('click', (event) => {
    event.stopPropagation();
    ctx.dispatch('userAction', { tag: 'centerplay', value: 1 });
    play();
  });

  const setFullScreen = (on: boolean, direction: number | undefined) => {
    if (fullScreen === on) return;
    fullScreen = on;
    ctx.toggleClass('mpk-video-fullscreen', on);
    ctx.dispatch('fullScreenChange', { fullScreen: on, direction: on && (direction === 90 || direction === -90) ? 'horizontal' : 'vertical' });
  };

  return {
    host,
    setAttr(name, value) {
      switch (name) {
        case 'src': {
          const src = toText(value);
          rendered = false;
          played = 0;
          lastTime = 0;
          if (src) element.setAttribute('src', ctx.resolveAsset(src));
          else element.removeAttribute('src');
          break;
        }
        case 'poster': {
          const poster = toText(value);
          if (poster) element.poster = ctx.resolveAsset(poster);
          else element.removeAttribute('poster');
          break;
        }
        case 'controls':
          element.controls = value === undefined ? true : toBool(value);
          break;
        case 'autoplay':
          element.autoplay = toBool(value);
          if (element.autoplay) ctx.schedule();
          break;
        case 'loop':
          element.loop = toBool(value);
          break;
        case 'muted':
          element.muted = toBool(value);
          break;
        case 'object-fit':
          element.style.objectFit = FITS[toText(value)] ?? 'contain';
          break;
        case 'initial-time':
          initialTime = Math.max(0, toNumber(value, 0));
          if (element.readyState >= 1 && initialTime < videoDuration()) element.currentTime = initialTime;
          break;
        case 'show-center-play-btn':
          showCenterPlay = value === undefined ? true : toBool(value);
          syncCenterPlay();
          break;
        case 'duration':
          durationAttr = value === undefined ? undefined : toNumber(value, 0) || undefined;
          break;
      }
    },
    afterApply() {
      if (element.autoplay && element.paused && element.getAttribute('src')) play();
    },
    control(method, args): ComponentAnswer {
      switch (method) {
        case 'play':
          play();
          break;
        case 'pause':
          element.pause();
          break;
        case 'stop':
          stopping = !element.paused;
          element.pause();
          element.currentTime = 0;
          ctx.dispatch('stop', {});
          break;
        case 'seek': {
          const position = toNumber(args.value, NaN);
          if (!(position >= 0)) return { ok: false, error: 2, errorMessage: 'VideoContext.seek: 参数无效: position must be a number of seconds ≥ 0' };
          element.currentTime = position;
          break;
        }
        case 'mute':
          element.muted = args.value === undefined ? true : toBool(args.value);
          break;
        case 'playbackRate': {
          const rate = toNumber(args.value, NaN);
          if (!RATES.includes(rate)) return { ok: false, error: 2, errorMessage: `VideoContext.playbackRate: 参数无效: ${JSON.stringify(args.value)} is not one of ${RATES.join(', ')}` };
          element.playbackRate = rate;
          break;
        }
        case 'requestFullScreen':
          setFullScreen(true, toNumber(args.direction, NaN));
          break;
        case 'exitFullScreen':
          setFullScreen(false, undefined);
          break;
        default:
          return { ok: false, error: 1, errorMessage: `VideoContext.${method}: not supported on this host (no status bar, floating window or picture-in-picture)` };
      }
      return { ok: true, result: {} };
    },
    dispose() {
      element.pause();
      element.removeAttribute('src');
    },
  };
};
