/**
 * A `<video>` in the headless tree (docs: 组件/媒体组件/video, api/多媒体/视频/my.createVideoContext):
 * no decoder, a player state on the node (`node.video`) that the attributes and VideoContext calls
 * change, firing the component's documented events (play, pause, stop, ended, timeUpdate,
 * fullScreenChange, error). Time moves only when a test advances it (`HeadlessRenderer.advanceVideo`).
 */

import type { ComponentAnswer } from '../../contract/renderer.ts';

export interface VideoState {
  src: string;
  playing: boolean;
  /** Seconds. */
  currentTime: number;
  /** The `duration` attribute (the headless player has no file to read it from); undefined = unknown. */
  duration: number | undefined;
  muted: boolean;
  loop: boolean;
  playbackRate: number;
  fullScreen: boolean;
  /** Seconds played (onTimeUpdate's userPlayDuration). */
  played: number;
}

export type VideoDispatch = (type: string, detail: Record<string, unknown>) => void;

export function createVideoState(): VideoState {
  return { src: '', playing: false, currentTime: 0, duration: undefined, muted: false, loop: false, playbackRate: 1, fullScreen: false, played: 0 };
}

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

/** The documented playback rates (VideoContext.playbackRate). */
const RATES = [0.5, 0.8, 1, 1.25, 1.5, 2];

/** Applies an attribute; `autoplay` asks the caller to start playing once the batch is applied. */
export function setVideoAttr(state: VideoState, name: string, value: unknown): 'autoplay' | undefined {
  switch (name) {
    case 'src':
      state.src = typeof value === 'string' ? value : '';
      state.currentTime = 0;
      state.playing = false;
      return undefined;
    case 'initial-time':
      state.currentTime = Math.max(0, num(value) ?? 0);
      return undefined;
    case 'duration':
      state.duration = num(value);
      return undefined;
    case 'muted':
      state.muted = Boolean(value);
      return undefined;
    case 'loop':
      state.loop = Boolean(value);
      return undefined;
    case 'autoplay':
      return value ? 'autoplay' : undefined;
    default:
      return undefined;
  }
}

function timeDetail(state: VideoState): Record<string, unknown> {
  return { currentTime: state.currentTime, userPlayDuration: state.played, videoDuration: state.duration ?? 0 };
}

export function playVideo(state: VideoState, dispatch: VideoDispatch): void {
  if (!state.src) {
    dispatch('error', { errorCode: 1006, errorMessage: '数据源错误。 (the video has no src)' });
    return;
  }
  if (state.playing) return;
  if (state.duration !== undefined && state.currentTime >= state.duration) state.currentTime = 0;
  state.playing = true;
  dispatch('play', {});
}

/** A VideoContext method (`args.value` carries seek's position, mute's flag, playbackRate's rate). */
export function callVideo(state: VideoState, method: string, args: Record<string, unknown>, dispatch: VideoDispatch): ComponentAnswer {
  switch (method) {
    case 'play':
      playVideo(state, dispatch);
      break;
    case 'pause':
      if (state.playing) {
        state.playing = false;
        dispatch('pause', {});
      }
      break;
    case 'stop':
      state.playing = false;
      state.currentTime = 0;
      dispatch('stop', {});
      break;
    case 'seek': {
      const position = num(args.value);
      if (position === undefined || position < 0) return { ok: false, error: 2, errorMessage: 'VideoContext.seek: 参数无效: position must be a number of seconds ≥ 0' };
      state.currentTime = state.duration === undefined ? position : Math.min(position, state.duration);
      dispatch('timeUpdate', timeDetail(state));
      break;
    }
    case 'mute':
      state.muted = args.value === undefined ? true : Boolean(args.value);
      break;
    case 'playbackRate': {
      const rate = num(args.value);
      if (rate === undefined || !RATES.includes(rate)) return { ok: false, error: 2, errorMessage: `VideoContext.playbackRate: 参数无效: ${JSON.stringify(args.value)} is not one of ${RATES.join(', ')}` };
      state.playbackRate = rate;
      break;
    }
    case 'requestFullScreen':
    case 'exitFullScreen': {
      const on = method === 'requestFullScreen';
      if (state.fullScreen === on) break;
      state.fullScreen = on;
      const direction = num(args.direction);
      dispatch('fullScreenChange', { fullScreen: on, direction: on && (direction === 90 || direction === -90) ? 'horizontal' : 'vertical' });
      break;
    }
    default:
      return { ok: false, error: 1, errorMessage: `VideoContext.${method}: not supported on this host (no status bar, floating window or picture-in-picture)` };
  }
  return { ok: true, result: {} };
}

/** `seconds` of wall time pass: a playing video moves (at its rate), reports the time, ends or loops. */
export function advanceVideo(state: VideoState, seconds: number, dispatch: VideoDispatch): void {
  if (!state.playing || !(seconds > 0)) return;
  const step = seconds * state.playbackRate;
  state.played += seconds;
  state.currentTime += step;
  if (state.duration !== undefined && state.currentTime >= state.duration) {
    state.currentTime = state.duration;
    dispatch('timeUpdate', timeDetail(state));
    if (state.loop) {
      state.currentTime = 0;
      return;
    }
    state.playing = false;
    dispatch('ended', {});
    return;
  }
  dispatch('timeUpdate', timeDetail(state));
}
