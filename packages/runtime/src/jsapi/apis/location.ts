/**
 * The host's map screens (docs: 基础API/位置/my.chooseLocation, my.openLocation), answered by
 * `host.maps` (adapters/maps.ts). Without the adapter's method the API is not supported (error 1,
 * canIUse false). chooseLocation cancelled → 11 (用户取消操作); openLocation without one of its
 * required fields → 2 (缺少必要的参数, checked by its schema).
 */

import type { ChooseLocationRequest, MapsAdapter } from '../../adapters/maps.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import type { ResolvedHost } from '../host-options.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const has = (name: keyof MapsAdapter) => (host: ResolvedHost) => typeof host.maps?.[name] === 'function';

function screen<K extends keyof MapsAdapter>(ctx: ApiCallContext, name: K): NonNullable<MapsAdapter[K]> {
  const maps = ctx.host.maps;
  const method = maps?.[name];
  if (typeof method !== 'function') throw new ApiFailure(ErrorCode.NOT_SUPPORTED, `${name}: not supported on this host (canIUse is false)`);
  return method.bind(maps) as NonNullable<MapsAdapter[K]>;
}

const inRange = (n: unknown, limit: number): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;

async function chooseLocation(args: { latitude?: number; longitude?: number }, ctx: ApiCallContext) {
  const request: ChooseLocationRequest = {};
  // The preset point applies only as a pair (docs: 预设纬度/经度).
  if (inRange(args.latitude, 90) && inRange(args.longitude, 180)) Object.assign(request, { latitude: args.latitude, longitude: args.longitude });
  const place = await screen(ctx, 'chooseLocation')(request, ctx.hostContext());
  if (place === null || place === undefined) throw new ApiFailure(11, 'chooseLocation: 用户取消操作');
  if (!inRange(place.latitude, 90) || !inRange(place.longitude, 180)) {
    throw new ApiFailure(ErrorCode.UNKNOWN, `chooseLocation: the host answered ${JSON.stringify(place)}, not a place with latitude and longitude`);
  }
  return {
    latitude: place.latitude,
    longitude: place.longitude,
    name: String(place.name ?? ''),
    address: String(place.address ?? ''),
    provinceName: String(place.provinceName ?? ''),
    cityName: String(place.cityName ?? ''),
  };
}

async function openLocation(args: { latitude: number; longitude: number; name: string; address: string; scale: number }, ctx: ApiCallContext) {
  if (!inRange(args.latitude, 90) || !inRange(args.longitude, 180)) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, 'openLocation: 缺少必要的参数: latitude must be within ±90 and longitude within ±180');
  }
  const scale = Math.min(19, Math.max(3, Math.round(args.scale)));
  await screen(ctx, 'openLocation')({ ...args, scale }, ctx.hostContext());
  return {};
}

export function locationApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'chooseLocation',
      kind: 'async',
      available: has('chooseLocation'),
      params: s.object({ latitude: s.number(), longitude: s.number() }),
      result: s.object(
        { latitude: s.number(), longitude: s.number(), name: s.string(), provinceName: s.string(), cityName: s.string(), address: s.string() },
        { required: ['latitude', 'longitude', 'name', 'address'] },
      ),
      errors: { 11: '用户取消操作' },
      handler: chooseLocation,
      description: 'Opens the host\'s place picker (host.maps.chooseLocation); 11 when the user cancels.',
    }),
    defineApi({
      name: 'openLocation',
      kind: 'async',
      available: has('openLocation'),
      params: s.object(
        { longitude: s.number(), latitude: s.number(), name: s.string(), address: s.string(), scale: s.number({ default: 15 }) },
        { required: ['longitude', 'latitude', 'name', 'address'] },
      ),
      errors: { 2: '缺少必要的参数。' },
      handler: openLocation,
      description: 'Shows a place on the host\'s map screen (host.maps.openLocation).',
    }),
  ];
}
