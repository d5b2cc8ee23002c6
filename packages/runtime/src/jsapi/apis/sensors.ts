/**
 * Sensors, shake, screen and scanner (docs: 基础API/设备/加速度计, 陀螺仪, 罗盘, 设备方向, 摇一摇, 屏幕亮度, 扫码)
 * over `host.sensors`, `host.screen` and `host.scanner` (adapters/sensors.ts).
 *
 * A sensor runs while the app wants it: `my.startX({ interval })` starts it at game (20 ms), ui (60 ms)
 * or normal (200 ms) pace, and — as the docs say of `my.onX` — the first listener starts it too (every
 * 500 ms); `my.stopX()` and removing the last listener (`my.offX`) stop it. The base library tells the
 * host about listeners through the internal `sensorWatch` call, since listeners live in the sandbox.
 */

import type { SensorKind } from '../../adapters/sensors.ts';
import type { SensorChangeEvent } from '../../contract/sensors.ts';
import { defineApi, defineEvent } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import type { ResolvedHost } from '../host-options.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

/** Sensor → the name of its start/stop APIs and of its change event. */
const SENSORS: Record<SensorKind, { api: string; event: SensorChangeEvent; reading: Record<string, string> }> = {
  accelerometer: { api: 'Accelerometer', event: 'AccelerometerChange', reading: { x: 'x', y: 'y', z: 'z' } },
  gyroscope: { api: 'Gyroscope', event: 'GyroscopeChange', reading: { x: 'x', y: 'y', z: 'z' } },
  compass: { api: 'Compass', event: 'CompassChange', reading: { direction: 'direction' } },
  deviceMotion: { api: 'DeviceMotion', event: 'DeviceMotionChange', reading: { alpha: 'alpha', beta: 'beta', gamma: 'gamma' } },
};

const INTERVALS: Record<string, number> = { game: 20, ui: 60, normal: 200 };
/** my.onX without my.startX: "回调间隔为 500ms". */
const LISTENER_INTERVAL = 500;

const hasSensors = (host: ResolvedHost) => host.sensors !== undefined;
const hasScreen = (host: ResolvedHost) => host.screen !== undefined;
const hasScanner = (host: ResolvedHost) => host.scanner !== undefined;

interface SensorState {
  /** Started by my.startX (kept until my.stopX) or by listeners. */
  started: Map<SensorKind, 'api' | 'listeners'>;
}
const sensorState = (ctx: ApiCallContext) => ctx.local<SensorState>('sensors', () => ({ started: new Map() }));

async function startSensor(ctx: ApiCallContext, kind: SensorKind, interval: number, by: 'api' | 'listeners'): Promise<void> {
  const { event, reading } = SENSORS[kind];
  const emit = (value: Record<string, number>) => {
    // Only the documented fields, as numbers: a host's reading object does not reach the app as is.
    const data: Record<string, number> = {};
    for (const field of Object.keys(reading)) data[field] = Number(value[field] ?? 0);
    ctx.services.emit([{ t: 'hostEvent', name: event, data }]);
  };
  await ctx.host.sensors!.start(kind, interval, emit, ctx.hostContext());
  sensorState(ctx).started.set(kind, by);
}

async function stopSensor(ctx: ApiCallContext, kind: SensorKind): Promise<void> {
  const state = sensorState(ctx);
  if (!state.started.has(kind)) return;
  state.started.delete(kind);
  await ctx.host.sensors!.stop(kind, ctx.hostContext());
}

function sensorApis(kind: SensorKind): ApiDefinition[] {
  const { api, event, reading } = SENSORS[kind];
  const payload = s.object(Object.fromEntries(Object.keys(reading).map((field) => [field, s.number()])));
  const defs: ApiDefinition[] = [...defineEvent(event, payload)];
  if (kind !== 'deviceMotion') {
    defs.push(
      defineApi({
        name: `start${api}`,
        kind: 'async',
        params: s.object({ interval: s.enum(['game', 'ui', 'normal']) }),
        handler: async (args: { interval?: string }, ctx) => {
          await startSensor(ctx, kind, INTERVALS[args.interval ?? 'normal']!, 'api');
          return {};
        },
      }),
      defineApi({
        name: `stop${api}`,
        kind: 'async',
        handler: async (_args, ctx) => {
          await stopSensor(ctx, kind);
          return {};
        },
      }),
    );
  }
  return defs.map((def) => ({ ...def, available: hasSensors }));
}

export function sensorsApis(): ApiDefinition[] {
  const kindOfEvent = new Map<string, SensorKind>(Object.entries(SENSORS).map(([kind, { event }]) => [event, kind as SensorKind]));
  return [
    ...(Object.keys(SENSORS) as SensorKind[]).flatMap(sensorApis),
    defineApi({
      name: 'sensorWatch',
      kind: 'async',
      internal: true,
      available: hasSensors,
      params: s.object({ event: s.string(), listening: s.boolean() }, { required: ['event', 'listening'] }),
      handler: async (args: { event: string; listening: boolean }, ctx) => {
        const kind = kindOfEvent.get(args.event);
        if (!kind) throw new ApiFailure(2, `sensorWatch: no sensor has the event ${JSON.stringify(args.event)}`);
        const by = sensorState(ctx).started.get(kind);
        if (args.listening && by === undefined) await startSensor(ctx, kind, LISTENER_INTERVAL, 'listeners');
        // The docs: my.offX stops listening, whoever started the sensor.
        if (!args.listening) await stopSensor(ctx, kind);
        return {};
      },
      description: 'The base library reports the first listener added to, and the last removed from, a sensor event.',
    }),
    defineApi({
      name: 'watchShake',
      kind: 'async',
      available: hasSensors,
      handler: async (_args, ctx) => {
        await ctx.host.sensors!.watchShake(ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'getScreenBrightness',
      kind: 'async',
      available: hasScreen,
      result: s.object({ brightness: s.number() }, { required: ['brightness'] }),
      handler: async (_args, ctx) => ({ brightness: Number(await ctx.host.screen!.getBrightness(ctx.hostContext())) }),
    }),
    defineApi({
      name: 'setScreenBrightness',
      kind: 'async',
      available: hasScreen,
      params: s.object({ brightness: s.number({ minimum: 0, maximum: 1 }) }, { required: ['brightness'] }),
      handler: async (args: { brightness: number }, ctx) => {
        await ctx.host.screen!.setBrightness(args.brightness, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'setKeepScreenOn',
      kind: 'async',
      available: hasScreen,
      params: s.object({ keepScreenOn: s.boolean() }, { required: ['keepScreenOn'] }),
      handler: async (args: { keepScreenOn: boolean }, ctx) => {
        await ctx.host.screen!.setKeepScreenOn(args.keepScreenOn, ctx.hostContext());
        return {};
      },
    }),
    defineApi({
      name: 'scan',
      kind: 'async',
      scope: 'camera',
      available: hasScanner,
      params: s.object({ scanType: s.array(s.enum(['qrCode', 'barCode', 'dmCode', 'pdf417Code', 'narrowCode', 'hmCode'])), hideAlbum: s.boolean(), type: s.string() }),
      result: s.object({ code: s.string(), qrCode: s.string(), barCode: s.string(), scanType: s.string(), result: s.string(), imageChannel: s.string() }, { required: ['code'] }),
      errors: { 10: 'the user cancelled', 2001: 'camera access refused', 2002: 'refused before ("don\'t ask again")', 2003: 'refused with "don\'t ask again"' },
      handler: async (args: { scanType?: string[]; hideAlbum?: boolean; type?: string }, ctx) => {
        // `type: 'bar'|'qr'` is the older spelling real apps still pass.
        const scanType = args.scanType ?? (args.type === 'bar' ? ['barCode'] : args.type === 'qr' ? ['qrCode'] : ['qrCode', 'barCode']);
        const read = await ctx.host.scanner!.scan({ scanType, hideAlbum: args.hideAlbum ?? false }, ctx.hostContext());
        if (!read) throw new ApiFailure(10, 'scan: the user cancelled');
        const type = read.scanType ?? scanType[0] ?? 'qrCode';
        const result: Record<string, string> = { code: read.code, result: read.code, scanType: type, imageChannel: read.imageChannel ?? 'camera' };
        if (type === 'qrCode') result.qrCode = read.code;
        if (type === 'barCode') result.barCode = read.code;
        return result;
      },
    }),
  ];
}
