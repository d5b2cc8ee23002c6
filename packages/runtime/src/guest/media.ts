/**
 * The media objects the base library builds (jsapi/apis/media.ts declares their plumbing):
 *
 * - `my.createVideoContext(id)` / `my.createMapContext(mapId)`: each method is one `componentContext`
 *   invoke for the `<video>` / `<map>` with that id on the page that was on top when the context was
 *   made. VideoContext methods take plain values (`seek(10)`, `mute(true)`) and report nothing back
 *   but the component's own events; MapContext methods take `{ …, success, fail, complete }`.
 *   translateMarker's `animationEnd` runs after its success (the static map moves at once).
 * - `my.createInnerAudioContext()` / `my.getBackgroundAudioManager()`: a host player (`AudioPlayer.*`
 *   sync invokes, in call order) whose events arrive on its task: `_state` keeps `currentTime`,
 *   `duration`, `paused` and `buffered` current, then the documented event reaches `onX` listeners.
 *   When the app goes to the background, InnerAudioContexts pause (the background manager does not).
 * - `my.getRecorderManager()`: the one recorder (`Recorder.*`); onStop hears `{ tempFilePath, duration, fileSize }`.
 */
import { guard } from './errors.ts';
import { post } from './host.ts';
import type { Listeners } from './listeners.ts';
import { invokeAsync, invokeSync, taskListeners } from './my.ts';
import { isObject, state } from './state.ts';
import { SafeSet, append, defineProperty, exec, forEachOfSet, hasOwn, keysOf, sliceList, stringify, toStr } from './intrinsics.ts';

const EVENT_METHOD = /^(on|off)([A-Z])(.*)$/;

/** `onPlay` / `offPlay` → adds / removes a `play` listener of the task; undefined for other methods. */
function listenerMethod(method: string, listeners: Listeners): ((listener?: unknown) => void) | undefined {
  const match = exec(EVENT_METHOD, method);
  if (match === null) return undefined;
  const key = match[2].toLowerCase() + match[3];
  return match[1] === 'on' ? (listener?: unknown) => listeners.add(key, listener) : (listener?: unknown) => listeners.remove(key, listener);
}

function topPage(): number | undefined {
  const stack = state.stack;
  return stack.length > 0 ? stack[stack.length - 1] : undefined;
}

function warn(message: string): void {
  post({ t: 'log', level: 'warn', args: [message] });
}

/** `{ a, success, fail }` → `{ a }` (what crosses the bridge). */
function plainArgs(options: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(options)) return out;
  const keys = keysOf(options);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (typeof options[key] !== 'function') out[key] = options[key];
  }
  return out;
}

export function videoContext(id: unknown, methods: readonly string[]): Record<string, unknown> {
  const target = toStr(id);
  const page = topPage();
  const ctx: Record<string, unknown> = {};
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    ctx[method] = (value?: unknown) => {
      const args: Record<string, unknown> = isObject(value) ? plainArgs(value) : value === undefined ? {} : { value };
      invokeAsync('componentContext', { component: 'video', id: target, page, method, args }, undefined, (result: unknown) => {
        // The platform's VideoContext reports nothing: a failure is a warning the author sees.
        if (isObject(result) && typeof result.error === 'number') warn(`VideoContext.${method}: ${toStr(result.errorMessage)}`);
      });
    };
  }
  return ctx;
}

export function mapContext(mapId: unknown, methods: readonly string[]): Record<string, unknown> {
  const target = toStr(mapId);
  const page = topPage();
  const ctx: Record<string, unknown> = {};
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    ctx[method] = (options?: unknown) => {
      const o = isObject(options) ? options : {};
      const promise = invokeAsync('componentContext', { component: 'map', id: target, page, method, args: plainArgs(o), success: o.success, fail: o.fail, complete: o.complete }).promise;
      if (method === 'translateMarker' && typeof o.animationEnd === 'function') {
        const end = o.animationEnd as Function;
        promise.then(() => guard(end, undefined, []), () => undefined);
      }
      return promise;
    };
  }
  return ctx;
}

// ---------------------------------------------------------------------------- audio

/** Pauses of the live InnerAudioContexts. */
const foreground = new SafeSet<() => void>();

/** The app went to the background: foreground audio stops (docs: 当用户离开小程序…时音频停止播放); the background manager plays on. */
export function pauseForegroundAudio(): void {
  forEachOfSet(foreground, (pause) => pause());
}

const AUDIO_SETTINGS = ['src', 'startTime', 'autoplay', 'loop', 'volume', 'playbackRate', 'obeyMuteSwitch'];
const BACKGROUND_SETTINGS = ['title', 'epname', 'singer', 'coverImgUrl', 'webUrl', 'protocol'];
const AUDIO_STATE = ['currentTime', 'duration', 'paused', 'buffered'];

function audioObject(kind: 'inner' | 'background', methods: readonly string[]): Record<string, unknown> {
  const created = invokeSync('AudioPlayer.create', { kind }) as { player: number };
  const player = created.player;
  const listeners = taskListeners(player);
  const values: Record<string, unknown> = { src: '', startTime: 0, autoplay: false, loop: false, volume: 1, playbackRate: 1, obeyMuteSwitch: true };
  const current: Record<string, unknown> = { currentTime: 0, duration: 0, paused: true, buffered: 0 };
  let destroyed = false;
  listeners.add('_state', (next: unknown) => {
    if (!isObject(next)) return;
    for (let i = 0; i < AUDIO_STATE.length; i++) if (AUDIO_STATE[i] in next) current[AUDIO_STATE[i]] = next[AUDIO_STATE[i]];
  });
  const call = (method: string, position?: number) => {
    if (destroyed) return;
    invokeSync('AudioPlayer.call', position === undefined ? { player, method } : { player, method, position });
  };
  const object: Record<string, unknown> = {};
  const pauseOnHide = () => {
    if (current.paused === false) call('pause');
  };
  if (kind === 'inner') foreground.add(pauseOnHide);
  const settings = sliceList(AUDIO_SETTINGS);
  if (kind === 'background') for (let i = 0; i < BACKGROUND_SETTINGS.length; i++) append(settings, BACKGROUND_SETTINGS[i]);
  for (let i = 0; i < settings.length; i++) {
    const name = settings[i];
    defineProperty(object, name, {
      enumerable: true,
      get: () => values[name],
      set: (value: unknown) => {
        values[name] = value;
        if (destroyed || name === 'protocol') return;
        try {
          invokeSync('AudioPlayer.set', { player, settings: { [name]: value } });
        } catch (error) {
          // A bad value (volume 3) is the author's to see; the property keeps what the host accepted before.
          warn(`${kind === 'inner' ? 'InnerAudioContext' : 'BackgroundAudioManager'}.${name} = ${stringify(value) ?? toStr(value)}: ${isObject(error) ? toStr(error.errorMessage ?? error.message) : toStr(error)}`);
        }
      },
    });
  }
  for (let i = 0; i < AUDIO_STATE.length; i++) {
    const name = AUDIO_STATE[i];
    defineProperty(object, name, { enumerable: true, get: () => current[name] });
  }
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    const listen = listenerMethod(method, listeners);
    if (listen) {
      object[method] = listen;
    } else if (method === 'seek') {
      object.seek = (position: unknown) => call('seek', typeof position === 'number' ? position : Number(position));
    } else if (method === 'destroy') {
      object.destroy = () => {
        call('destroy');
        destroyed = true;
        foreground.delete(pauseOnHide);
      };
    } else {
      object[method] = () => call(method);
    }
  }
  return object;
}

export function innerAudioContext(methods: readonly string[]): Record<string, unknown> {
  return audioObject('inner', methods);
}

let background: Record<string, unknown> | undefined;

export function backgroundAudioManager(methods: readonly string[]): Record<string, unknown> {
  return (background ??= audioObject('background', methods));
}

// ---------------------------------------------------------------------------- recorder

let recorder: Record<string, unknown> | undefined;

export function recorderManager(methods: readonly string[]): Record<string, unknown> {
  if (recorder) return recorder;
  const created = invokeSync('Recorder.create', {}) as { recorder: number };
  const id = created.recorder;
  const listeners = taskListeners(id);
  const manager: Record<string, unknown> = {};
  for (let i = 0; i < methods.length; i++) {
    const method = methods[i];
    const listen = listenerMethod(method, listeners);
    if (listen) {
      manager[method] = listen;
      continue;
    }
    manager[method] = (options?: unknown) => {
      try {
        invokeSync('Recorder.call', { ...plainArgs(options), recorder: id, method });
      } catch (error) {
        // Refused (no permission, bad options): the manager's onError listeners hear it.
        const detail = isObject(error) ? { error: error.error, errorMessage: toStr(error.errorMessage ?? error.message) } : { error: 3, errorMessage: toStr(error) };
        const list = listeners.get('error');
        if (list.length === 0) warn(`RecorderManager.${method}: ${detail.errorMessage}`);
        for (let j = 0; j < list.length; j++) guard(list[j], undefined, [detail]);
      }
    };
  }
  return (recorder = manager);
}

/** The factories `installApis` places on `my` for these names. */
export const MEDIA_FACTORIES: Record<string, (methods: readonly string[]) => (arg?: unknown) => unknown> = {
  createVideoContext: (methods) => (id?: unknown) => videoContext(id, methods),
  createMapContext: (methods) => (id?: unknown) => mapContext(id, methods),
  createInnerAudioContext: (methods) => () => innerAudioContext(methods),
  getBackgroundAudioManager: (methods) => () => backgroundAudioManager(methods),
  getRecorderManager: (methods) => () => recorderManager(methods),
};

export const isMediaFactory = (name: string): boolean => hasOwn(MEDIA_FACTORIES, name);
