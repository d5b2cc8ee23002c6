/**
 * Video, map and audio contexts and the recorder (docs: 多媒体/视频/my.createVideoContext, 界面/地图/
 * my.createMapContext, 多媒体/音频播放/my.createInnerAudioContext + my.getBackgroundAudioManager,
 * 多媒体/录音/my.getRecorderManager). The objects are built by the base library (guest/media.ts);
 * what crosses the bridge is internal plumbing declared here:
 *
 * - `componentContext` {component, id, page, method, args}: a VideoContext / MapContext method, run by
 *   the renderer on the page's `<video>` / `<map>` with that id (the renderer's `control`); the
 *   component's own events (onPlay, onMarkerTap…) reach the page's handlers as view events.
 * - `AudioPlayer.create|set|call`: one `host.media` player per context, its id a task id; the player's
 *   events come back as task events (`_state` with the player's state, then the documented event).
 * - `Recorder.create|call`: the one recorder; a finished recording is stored as a temporary file.
 *
 * Audio and the recorder need `host.media` (createAudio / createRecorder): without it they are not
 * supported (inert objects, canIUse false). Video and map contexts work wherever the renderer has `control`.
 */

import type { AudioEvent, AudioPlayer, AudioSettings, Recorder, RecordOptions } from '../../adapters/media.ts';
import { tempFilePath } from '../../adapters/files.ts';
import { DOCUMENTED_APIS } from './docs-catalogue.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const methodsOf = (name: string, extra: string[] = []) => [...new Set([...(DOCUMENTED_APIS.find((api) => api.name === name)?.methods ?? []), ...extra])].sort();

interface PlayerTask {
  player: AudioPlayer;
  dispose(): void;
}

interface RecorderTask {
  recorder: Recorder;
  dispose(): void;
}

function openPlayer(ctx: ApiCallContext, kind: 'inner' | 'background'): { player: number } {
  const create = ctx.host.media?.createAudio;
  if (typeof create !== 'function') throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'audio: not supported on this host (no host.media.createAudio; canIUse is false)');
  const id = ctx.callId;
  const player = create.call(ctx.host.media, kind, (event: AudioEvent, state, error) => {
    if (!ctx.tasks.get(id)) return;
    ctx.tasks.emit(id, '_state', state);
    ctx.tasks.emit(id, event, event === 'Error' ? error ?? { error: -1, errorMessage: '未知错误。' } : undefined);
  }, ctx.hostContext());
  ctx.tasks.open(id, kind === 'inner' ? 'createInnerAudioContext' : 'getBackgroundAudioManager', { player, dispose: () => player.destroy() } as PlayerTask);
  return { player: id };
}

function playerOf(ctx: ApiCallContext, id: number): AudioPlayer | undefined {
  return (ctx.tasks.get(id)?.state as PlayerTask | undefined)?.player;
}

const audioSettings = s.object({
  src: s.string(),
  startTime: s.number({ minimum: 0 }),
  autoplay: s.boolean(),
  loop: s.boolean(),
  volume: s.number({ minimum: 0, maximum: 1 }),
  playbackRate: s.number({ minimum: 0.5, maximum: 2 }),
  obeyMuteSwitch: s.boolean(),
  title: s.string(),
  epname: s.string(),
  singer: s.string(),
  coverImgUrl: s.string(),
  webUrl: s.string(),
});

const RECORD_FORMATS = ['aac', 'mp3'];

export function mediaApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'createVideoContext',
      kind: 'sync',
      object: { type: 'VideoContext', methods: methodsOf('createVideoContext') },
      handler: () => ({}),
      description: 'A VideoContext for the <video> with that id on the current page (built by the base library; methods run on the element).',
    }),
    defineApi({
      name: 'createMapContext',
      kind: 'sync',
      params: s.object({ mapId: s.string() }, { required: ['mapId'] }),
      object: { type: 'MapContext', methods: methodsOf('createMapContext', ['getCenterLocation', 'getCurrentLocation']) },
      handler: () => ({}),
      description: 'A MapContext for the <map> with that id on the current page (answered from the static map\'s state).',
    }),
    defineApi({
      name: 'componentContext',
      kind: 'async',
      internal: true,
      params: s.object(
        {
          component: s.enum(['video', 'map']),
          id: s.string(),
          page: s.integer({ description: 'The page the context was created on; default the page on top.' }),
          method: s.string({ minLength: 1 }),
          args: s.object(),
        },
        { required: ['component', 'id', 'method'] },
      ),
      handler(args: { component: 'video' | 'map'; id: string; page?: number; method: string; args?: Record<string, unknown> }, ctx) {
        const page = args.page ?? ctx.services.currentPage()?.id;
        const type = args.component === 'video' ? 'VideoContext' : 'MapContext';
        if (page === undefined) throw new ApiFailure(ErrorCode.UNKNOWN, `${type}.${args.method}: there is no page`);
        const answer = ctx.services.componentCall(page, { component: args.component, id: args.id, method: args.method, args: args.args ?? {} });
        if (!answer.ok) throw new ApiFailure(answer.error, answer.errorMessage.startsWith(type) ? answer.errorMessage : `${type}.${args.method}: ${answer.errorMessage}`);
        return answer.result ?? {};
      },
      description: 'Internal: a VideoContext / MapContext method, run by the renderer on the element.',
    }),
    defineApi({
      name: 'createInnerAudioContext',
      kind: 'sync',
      available: (host) => typeof host.media?.createAudio === 'function',
      object: { type: 'InnerAudioContext', methods: methodsOf('createInnerAudioContext') },
      handler: () => ({}),
      description: 'A foreground audio player (host.media.createAudio), built by the base library.',
    }),
    defineApi({
      name: 'getBackgroundAudioManager',
      kind: 'sync',
      available: (host) => typeof host.media?.createAudio === 'function',
      object: { type: 'BackgroundAudioManager', methods: methodsOf('getBackgroundAudioManager', ['onNext', 'onPrev']) },
      handler: () => ({}),
      description: 'The one background audio player (host.media.createAudio), built by the base library.',
    }),
    defineApi({
      name: 'AudioPlayer.create',
      kind: 'sync',
      internal: true,
      params: s.object({ kind: s.enum(['inner', 'background']) }, { required: ['kind'] }),
      handler: (args: { kind: 'inner' | 'background' }, ctx) => openPlayer(ctx, args.kind),
      description: 'Internal: a host.media player; its id is the task its events arrive on.',
    }),
    defineApi({
      name: 'AudioPlayer.set',
      kind: 'sync',
      internal: true,
      params: s.object({ player: s.integer(), settings: audioSettings }, { required: ['player', 'settings'] }),
      handler(args: { player: number; settings: AudioSettings }, ctx) {
        playerOf(ctx, args.player)?.set(args.settings);
        return {};
      },
    }),
    defineApi({
      name: 'AudioPlayer.call',
      kind: 'sync',
      internal: true,
      params: s.object({ player: s.integer(), method: s.enum(['play', 'pause', 'stop', 'seek', 'destroy']), position: s.number({ minimum: 0 }) }, { required: ['player', 'method'] }),
      handler(args: { player: number; method: 'play' | 'pause' | 'stop' | 'seek' | 'destroy'; position?: number }, ctx) {
        const player = playerOf(ctx, args.player);
        if (!player) return {};
        if (args.method === 'seek') {
          if (args.position === undefined) throw new ApiFailure(ErrorCode.INVALID_PARAM, 'seek: 参数无效: position (seconds) is required');
          player.seek(args.position);
        } else if (args.method === 'destroy') {
          player.destroy();
          ctx.tasks.close(args.player);
        } else player[args.method]();
        return {};
      },
    }),
    defineApi({
      name: 'getRecorderManager',
      kind: 'sync',
      available: (host) => typeof host.media?.createRecorder === 'function',
      object: { type: 'RecorderManager', methods: methodsOf('getRecorderManager') },
      handler: () => ({}),
      description: 'The one RecorderManager (host.media.createRecorder), built by the base library; recordings become temporary files.',
    }),
    defineApi({
      name: 'Recorder.create',
      kind: 'sync',
      internal: true,
      handler(_args, ctx) {
        const create = ctx.host.media?.createRecorder;
        if (typeof create !== 'function') throw new ApiFailure(ErrorCode.NOT_SUPPORTED, 'RecorderManager: not supported on this host (no host.media.createRecorder; canIUse is false)');
        const id = ctx.callId;
        let format = 'aac';
        const recorder = create.call(
          ctx.host.media,
          (event, data) => {
            if (ctx.tasks.get(id)) ctx.tasks.emit(id, event, data);
          },
          (recording) => {
            const path = tempFilePath(format);
            void Promise.resolve(ctx.host.files.write(ctx.appId, path, recording.data)).then(
              () => ctx.tasks.get(id) && ctx.tasks.emit(id, 'Stop', { tempFilePath: path, duration: recording.duration, fileSize: recording.data.length }),
              (error: Error) => ctx.tasks.get(id) && ctx.tasks.emit(id, 'Error', { error: 10001, errorMessage: `RecorderManager: the recording could not be stored (${error.message})` }),
            );
          },
          ctx.hostContext(),
        );
        ctx.tasks.open(id, 'getRecorderManager', {
          recorder,
          setFormat: (f: string) => (format = f),
          dispose: () => recorder.stop(),
        } as RecorderTask & { setFormat(f: string): void });
        return { recorder: id };
      },
    }),
    defineApi({
      name: 'Recorder.call',
      kind: 'sync',
      internal: true,
      // Recording needs the user's consent (docs: 录音 scope.record).
      scope: 'record',
      params: s.object(
        {
          recorder: s.integer(),
          method: s.enum(['start', 'pause', 'resume', 'stop']),
          duration: s.integer({ minimum: 1, maximum: 600000, default: 60000 }),
          sampleRate: s.integer({ default: 8000 }),
          numberOfChannels: s.integer({ minimum: 1, maximum: 2, default: 2 }),
          encodeBitRate: s.integer({ default: 16000 }),
          format: s.enum(RECORD_FORMATS, { default: 'aac' }),
        },
        { required: ['recorder', 'method'] },
      ),
      handler(args: RecordOptions & { recorder: number; method: 'start' | 'pause' | 'resume' | 'stop' }, ctx) {
        const task = ctx.tasks.get(args.recorder)?.state as (RecorderTask & { setFormat(f: string): void }) | undefined;
        if (!task) return {};
        if (args.method === 'start') {
          task.setFormat(args.format);
          task.recorder.start({ duration: args.duration, sampleRate: args.sampleRate, numberOfChannels: args.numberOfChannels, encodeBitRate: args.encodeBitRate, format: args.format });
        } else task.recorder[args.method]();
        return {};
      },
    }),
  ];
}
