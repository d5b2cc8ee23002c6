/**
 * Audio players and the recorder a host gives mini-programs (`host.media`; docs: 多媒体/音频播放/
 * my.createInnerAudioContext, my.getBackgroundAudioManager; 多媒体/录音/my.getRecorderManager).
 * A player is created per InnerAudioContext (and one for the BackgroundAudioManager); it reports what
 * happens through its `sink` with the player's state, the documented event names and error codes
 * (10001 system, 10002 network, 10003 file, 10004 format, 10007 bad src, -1 unknown). A host without
 * `createAudio` (or `recorder`) answers those APIs as not supported (error 1, canIUse false).
 *
 * `createHeadlessMedia(script)` is the scripted stand-in the test harness uses: no sound, a clock the
 * test advances (`advance(seconds)`), durations and failures per src; `createBrowserMedia()` plays
 * through HTMLAudioElement (the simulator).
 */

import type { HostContext } from './context.ts';

export type AudioEvent = 'Canplay' | 'Play' | 'Pause' | 'Stop' | 'Ended' | 'TimeUpdate' | 'Error' | 'Waiting' | 'Seeking' | 'Seeked' | 'Next' | 'Prev';

export interface AudioState {
  src: string;
  /** Seconds. */
  currentTime: number;
  /** Seconds; 0 while unknown. */
  duration: number;
  paused: boolean;
  buffered: number;
}

/** What the app set on the context (the background manager adds the now-playing card). */
export interface AudioSettings {
  src?: string;
  startTime?: number;
  autoplay?: boolean;
  loop?: boolean;
  volume?: number;
  playbackRate?: number;
  obeyMuteSwitch?: boolean;
  title?: string;
  epname?: string;
  singer?: string;
  coverImgUrl?: string;
  webUrl?: string;
}

export type AudioSink = (event: AudioEvent, state: AudioState, error?: { error: number; errorMessage: string }) => void;

export interface AudioPlayer {
  set(settings: AudioSettings): void;
  play(): void;
  pause(): void;
  stop(): void;
  seek(position: number): void;
  destroy(): void;
  state(): AudioState;
}

export type RecorderEvent = 'Start' | 'Pause' | 'Resume' | 'Stop' | 'Error' | 'FrameRecorded' | 'DecibelChange';

/** RecorderManager.start's options, checked. */
export interface RecordOptions {
  duration: number;
  sampleRate: number;
  numberOfChannels: number;
  encodeBitRate: number;
  format: 'aac' | 'mp3';
}

/** What a finished recording is: the registry stores `data` as a temporary file. */
export interface Recording {
  data: Uint8Array;
  /** Milliseconds. */
  duration: number;
}

export type RecorderSink = (event: Exclude<RecorderEvent, 'Stop'>, data?: Record<string, unknown>) => void;

export interface Recorder {
  start(options: RecordOptions): void;
  pause(): void;
  resume(): void;
  /** Ends the recording (also when `duration` ran out: the recorder then calls `onStop` itself). */
  stop(): void;
}

export interface MediaAdapter {
  /** A player for one InnerAudioContext (`inner`) or the BackgroundAudioManager (`background`). */
  createAudio?(kind: 'inner' | 'background', sink: AudioSink, context: HostContext): AudioPlayer;
  /** The one recorder; `onStop` hears the finished recording. */
  createRecorder?(sink: RecorderSink, onStop: (recording: Recording) => void, context: HostContext): Recorder;
}

// ---------------------------------------------------------------------------- headless

export interface HeadlessMediaScript {
  /** Seconds per src (default `defaultDuration`). */
  durations?: Record<string, number>;
  /** Default 60 s. */
  defaultDuration?: number;
  /** A src that fails to load, with its documented code (10002 network, 10003 file, 10004 format, 10007 bad src). */
  errors?: Record<string, number>;
}

export interface HeadlessAudio {
  readonly kind: 'inner' | 'background';
  settings: AudioSettings;
  readonly current: AudioState;
  /** Events it reported, in order. */
  readonly events: AudioEvent[];
  destroyed: boolean;
}

export interface HeadlessRecording {
  options: RecordOptions;
  state: 'recording' | 'paused' | 'stopped';
  /** Seconds recorded. */
  seconds: number;
}

export interface HeadlessMedia extends Required<MediaAdapter> {
  script: HeadlessMediaScript;
  /** Every player the app created (destroyed ones too), in order. */
  readonly players: HeadlessAudio[];
  /** The player playing (or last set to) `src`. */
  player(src: string): HeadlessAudio | undefined;
  /** `seconds` pass: playing players move (TimeUpdate, Ended or loop), a recording grows (and stops at its duration). */
  advance(seconds: number): void;
  /** The recorder's session, once the app started one. */
  readonly recording: HeadlessRecording | undefined;
}

const ERROR_TEXT: Record<number, string> = { 10001: '系统错误。', 10002: '网络错误。', 10003: '文件错误。', 10004: '格式错误。', 10007: '解析音频失败（src 参数）。', [-1]: '未知错误。' };

export function audioError(code: number, detail?: string): { error: number; errorMessage: string } {
  const text = ERROR_TEXT[code] ?? ERROR_TEXT[-1]!;
  return { error: code in ERROR_TEXT ? code : -1, errorMessage: detail ? `${text} (${detail})` : text };
}

export function createHeadlessMedia(script: HeadlessMediaScript = {}): HeadlessMedia {
  const players: Array<HeadlessAudio & { tick(seconds: number): void }> = [];
  let recording: (HeadlessRecording & { tick(seconds: number): void }) | undefined;
  const media: HeadlessMedia = {
    script,
    players,
    player: (src) => [...players].reverse().find((p) => p.current.src === src && !p.destroyed),
    get recording() {
      return recording;
    },
    advance(seconds) {
      if (!(seconds > 0)) return;
      for (const player of players) player.tick(seconds);
      recording?.tick(seconds);
    },
    createAudio(kind, sink) {
      const current: AudioState = { src: '', currentTime: 0, duration: 0, paused: true, buffered: 0 };
      const events: AudioEvent[] = [];
      let failed: number | undefined;
      const emit = (event: AudioEvent, error?: { error: number; errorMessage: string }) => {
        events.push(event);
        sink(event, { ...current }, error);
      };
      const player: HeadlessAudio & AudioPlayer & { tick(seconds: number): void } = {
        kind,
        settings: {},
        current,
        events,
        destroyed: false,
        state: () => ({ ...current }),
        set(settings) {
          Object.assign(player.settings, settings);
          if (settings.src !== undefined && settings.src !== current.src) {
            current.src = settings.src;
            current.currentTime = Math.max(0, player.settings.startTime ?? 0);
            current.paused = true;
            failed = media.script.errors?.[current.src];
            if (!current.src) return;
            if (failed !== undefined) {
              emit('Error', audioError(failed, current.src));
              return;
            }
            current.duration = media.script.durations?.[current.src] ?? media.script.defaultDuration ?? 60;
            current.buffered = current.duration;
            emit('Canplay');
            // The background manager starts playing as soon as it has a src (docs: 设置了新的 src 时，会自动开始播放).
            if (player.settings.autoplay || kind === 'background') player.play();
          }
        },
        play() {
          if (player.destroyed || !current.src || !current.paused) return;
          if (failed !== undefined) {
            emit('Error', audioError(failed, current.src));
            return;
          }
          if (current.currentTime >= current.duration) current.currentTime = 0;
          current.paused = false;
          emit('Play');
        },
        pause() {
          if (current.paused) return;
          current.paused = true;
          emit('Pause');
        },
        stop() {
          if (!current.src) return;
          current.paused = true;
          current.currentTime = 0;
          emit('Stop');
        },
        seek(position) {
          if (!current.src) return;
          emit('Seeking');
          current.currentTime = Math.min(Math.max(0, position), current.duration);
          emit('Seeked');
        },
        destroy() {
          current.paused = true;
          player.destroyed = true;
        },
        tick(seconds) {
          if (player.destroyed || current.paused) return;
          current.currentTime += seconds * (player.settings.playbackRate ?? 1);
          if (current.currentTime < current.duration) {
            emit('TimeUpdate');
            return;
          }
          current.currentTime = current.duration;
          emit('TimeUpdate');
          if (player.settings.loop && kind === 'inner') {
            current.currentTime = 0;
            return;
          }
          current.paused = true;
          emit('Ended');
        },
      };
      players.push(player);
      return player;
    },
    createRecorder(sink, onStop) {
      const finish = () => {
        if (!recording || recording.state === 'stopped') return;
        recording.state = 'stopped';
        // A silent recording's worth of bytes: 16 kbit/s of the scripted seconds, at least one frame.
        const bytes = Math.max(32, Math.round((recording.seconds * recording.options.encodeBitRate) / 8));
        onStop({ data: new Uint8Array(bytes), duration: Math.round(recording.seconds * 1000) });
      };
      return {
        start(options) {
          if (recording && recording.state !== 'stopped') {
            sink('Error', { error: 10001, errorMessage: 'RecorderManager.start: already recording' });
            return;
          }
          recording = {
            options,
            state: 'recording',
            seconds: 0,
            tick(seconds) {
              if (this.state !== 'recording') return;
              this.seconds = Math.min(this.seconds + seconds, this.options.duration / 1000);
              if (this.seconds >= this.options.duration / 1000) finish();
            },
          };
          sink('Start');
        },
        pause() {
          if (recording?.state !== 'recording') return;
          recording.state = 'paused';
          sink('Pause');
        },
        resume() {
          if (recording?.state !== 'paused') return;
          recording.state = 'recording';
          sink('Resume');
        },
        stop: finish,
      };
    },
  };
  return media;
}

// ---------------------------------------------------------------------------- browser

/** MediaError codes → the documented ones (aborted, network, decode, src not supported). */
const MEDIA_ERRORS: Record<number, number> = { 1: 10001, 2: 10002, 3: 10004, 4: 10007 };

/**
 * Players on HTMLAudioElement (the simulator; any browser host). No recorder: a host that wants one
 * supplies `createRecorder` (the simulator answers my.getRecorderManager as not supported).
 */
export function createBrowserMedia(doc: Document = globalThis.document): MediaAdapter {
  return {
    createAudio(kind, sink) {
      const audio = doc.createElement('audio');
      audio.preload = 'auto';
      let destroyed = false;
      const state = (): AudioState => ({
        src: audio.getAttribute('src') ?? '',
        currentTime: audio.currentTime || 0,
        duration: Number.isFinite(audio.duration) ? audio.duration : 0,
        paused: audio.paused,
        buffered: audio.buffered.length > 0 ? audio.buffered.end(audio.buffered.length - 1) : 0,
      });
      const forward: Array<[string, AudioEvent]> = [
        ['canplay', 'Canplay'], ['play', 'Play'], ['pause', 'Pause'], ['ended', 'Ended'], ['timeupdate', 'TimeUpdate'],
        ['waiting', 'Waiting'], ['seeking', 'Seeking'], ['seeked', 'Seeked'],
      ];
      // stop() pauses and rewinds: the element's (asynchronous) pause event is not reported — the app hears Stop.
      let stopping = false;
      for (const [dom, event] of forward) {
        audio.addEventListener(dom, () => {
          if (destroyed) return;
          if (event === 'Pause' && stopping) {
            stopping = false;
            return;
          }
          sink(event, state());
        });
      }
      audio.addEventListener('error', () => {
        if (destroyed || !audio.getAttribute('src')) return;
        const code = MEDIA_ERRORS[audio.error?.code ?? 0] ?? -1;
        sink('Error', state(), audioError(code, audio.error?.message || audio.getAttribute('src') || undefined));
      });
      let autoplay = false;
      const play = () => {
        if (destroyed || !audio.getAttribute('src')) return;
        // A refusal (autoplay policy, a bad src) arrives as the element's error or as nothing.
        audio.play().catch(() => undefined);
      };
      return {
        set(settings) {
          if (settings.volume !== undefined) audio.volume = Math.min(1, Math.max(0, settings.volume));
          if (settings.loop !== undefined) audio.loop = settings.loop && kind === 'inner';
          if (settings.playbackRate !== undefined) audio.playbackRate = settings.playbackRate;
          if (settings.autoplay !== undefined) autoplay = settings.autoplay;
          if (settings.src !== undefined && settings.src !== audio.getAttribute('src')) {
            audio.setAttribute('src', settings.src);
            if (settings.startTime) audio.currentTime = settings.startTime;
            if (autoplay || kind === 'background') play();
          }
        },
        play,
        pause: () => audio.pause(),
        stop() {
          stopping = !audio.paused;
          audio.pause();
          audio.currentTime = 0;
          if (!destroyed) sink('Stop', state());
        },
        seek(position) {
          audio.currentTime = Math.max(0, position);
        },
        destroy() {
          destroyed = true;
          audio.pause();
          audio.removeAttribute('src');
          audio.load();
        },
        state,
      };
    },
  };
}
