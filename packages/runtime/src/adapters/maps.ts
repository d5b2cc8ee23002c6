/**
 * The host's map screens (`host.maps`; docs: 基础API/位置/my.chooseLocation, my.openLocation): the
 * place picker the user answers (a place, or `null` when they cancelled: error 11) and the screen that
 * shows a place. A host without a method answers that API as not supported (error 1, canIUse false).
 *
 * `createHeadlessMaps(answers)` is the scripted stand-in the test harness uses: it records what was
 * asked and answers what the test scripted (a place, a function of the request, or `null` = cancel),
 * by default the point the app passed (else West Lake, Hangzhou) as a user who confirms at once.
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

export interface ChooseLocationRequest {
  /** Where the picker opens (both or neither). */
  latitude?: number;
  longitude?: number;
}

export interface ChosenLocation {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
  provinceName?: string;
  cityName?: string;
}

export interface OpenLocationRequest {
  latitude: number;
  longitude: number;
  name: string;
  address: string;
  /** 3 – 19, default 15. */
  scale: number;
}

export interface MapsAdapter {
  chooseLocation?(request: ChooseLocationRequest, context: HostContext): MaybePromise<ChosenLocation | null>;
  /** Shows the place; resolving is the API's success. */
  openLocation?(request: OpenLocationRequest, context: HostContext): MaybePromise<void>;
}

export interface HeadlessMapsAnswers {
  chooseLocation?: ChosenLocation | null | ((request: ChooseLocationRequest) => ChosenLocation | null);
}

export interface MapsCall {
  api: 'chooseLocation' | 'openLocation';
  args: ChooseLocationRequest | OpenLocationRequest;
}

export interface HeadlessMaps extends Required<MapsAdapter> {
  readonly calls: RingLog<MapsCall>;
  answers: HeadlessMapsAnswers;
  /** The places my.openLocation showed, in order. */
  opened(): OpenLocationRequest[];
}

export const DEFAULT_PLACE: ChosenLocation = {
  latitude: 30.25961,
  longitude: 120.13026,
  name: '西湖',
  address: '浙江省杭州市西湖区龙井路1号',
  provinceName: '浙江省',
  cityName: '杭州市',
};

export function createHeadlessMaps(answers: HeadlessMapsAnswers = {}): HeadlessMaps {
  const calls = new RingLog<MapsCall>(1000);
  const maps: HeadlessMaps = {
    calls,
    answers,
    opened: () => calls.filter((c) => c.api === 'openLocation').map((c) => c.args as OpenLocationRequest),
    chooseLocation(request) {
      calls.push({ api: 'chooseLocation', args: { ...request } });
      const scripted = maps.answers.chooseLocation;
      if (scripted !== undefined) return typeof scripted === 'function' ? scripted(request) : scripted;
      return request.latitude !== undefined && request.longitude !== undefined
        ? { ...DEFAULT_PLACE, latitude: request.latitude, longitude: request.longitude, name: '地图选点', address: `${request.latitude},${request.longitude}` }
        : { ...DEFAULT_PLACE };
    },
    openLocation(request) {
      calls.push({ api: 'openLocation', args: { ...request } });
    },
  };
  return maps;
}
