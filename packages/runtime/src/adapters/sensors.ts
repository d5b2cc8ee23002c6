/**
 * The phone's sensors, screen and camera scanner (docs: 基础API/设备/加速度计, 陀螺仪, 罗盘, 设备方向, 摇一摇,
 * 屏幕亮度, 扫码): `host.sensors`, `host.screen`, `host.scanner`. Each is optional; a host without one
 * answers its APIs as not supported (error 1, canIUse false).
 *
 * The `createSimulated…` versions are the harness's and the simulator's device: a test emits
 * readings, shakes the phone, reads the brightness the app set and scripts what the camera scans.
 */

import type { HostContext, MaybePromise } from './context.ts';

export type SensorKind = 'accelerometer' | 'gyroscope' | 'compass' | 'deviceMotion';

/** accelerometer / gyroscope `{ x, y, z }`, compass `{ direction }`, deviceMotion `{ alpha, beta, gamma }`. */
export type SensorReading = Record<string, number>;

export interface SensorsAdapter {
  /** Starts (or re-times) a sensor: readings go to `emit`, about every `intervalMs`, until `stop`. */
  start(kind: SensorKind, intervalMs: number, emit: (reading: SensorReading) => void, context: HostContext): MaybePromise<void>;
  stop(kind: SensorKind, context: HostContext): MaybePromise<void>;
  /** my.watchShake: resolves at the next shake. */
  watchShake(context: HostContext): Promise<void>;
}

export interface ScreenAdapter {
  getBrightness(context: HostContext): MaybePromise<number>;
  /** 0–1. */
  setBrightness(brightness: number, context: HostContext): MaybePromise<void>;
  setKeepScreenOn(keepScreenOn: boolean, context: HostContext): MaybePromise<void>;
}

export interface ScanRequest {
  scanType: string[];
  hideAlbum: boolean;
}

export interface ScanResult {
  code: string;
  /** qrCode, barCode, dmCode… (default: the first type asked for). */
  scanType?: string;
  imageChannel?: 'camera' | 'album';
}

export interface ScannerAdapter {
  /** What the camera read, or null when the user closed the scanner (error 10). */
  scan(request: ScanRequest, context: HostContext): MaybePromise<ScanResult | null>;
}

// ---------------------------------------------------------------------------------------------
// The simulated device

export interface SimulatedSensors extends SensorsAdapter {
  /** The sensors the app has on, with their interval (ms). */
  readonly running: ReadonlyMap<SensorKind, number>;
  /** The sensor reports a reading; false (nothing delivered) while the app has it off. */
  emit(kind: SensorKind, reading: SensorReading): boolean;
  /** The user shakes the phone: pending my.watchShake calls succeed. Returns how many were waiting. */
  shake(): number;
}

export function createSimulatedSensors(): SimulatedSensors {
  const running = new Map<SensorKind, { interval: number; emit: (reading: SensorReading) => void }>();
  let shakes: (() => void)[] = [];
  return {
    get running() {
      return new Map([...running].map(([kind, { interval }]) => [kind, interval]));
    },
    start(kind, interval, emit) {
      running.set(kind, { interval, emit });
    },
    stop(kind) {
      running.delete(kind);
    },
    watchShake() {
      return new Promise<void>((resolve) => shakes.push(resolve));
    },
    emit(kind, reading) {
      const sensor = running.get(kind);
      if (!sensor) return false;
      sensor.emit({ ...reading });
      return true;
    },
    shake() {
      const waiting = shakes;
      shakes = [];
      for (const resolve of waiting) resolve();
      return waiting.length;
    },
  };
}

export interface SimulatedScreen extends ScreenAdapter {
  readonly brightness: number;
  readonly keepScreenOn: boolean;
}

export function createSimulatedScreen(initial: { brightness?: number } = {}): SimulatedScreen {
  let brightness = initial.brightness ?? 0.5;
  let keepScreenOn = false;
  return {
    get brightness() {
      return brightness;
    },
    get keepScreenOn() {
      return keepScreenOn;
    },
    getBrightness: () => brightness,
    setBrightness(value) {
      brightness = value;
    },
    setKeepScreenOn(value) {
      keepScreenOn = value;
    },
  };
}

/** One scripted scan: the code read, a full result, `null` (the user closed the scanner) or a function of the request. */
export type ScanAnswer = string | ScanResult | null | ((request: ScanRequest) => ScanResult | string | null);

export interface ScriptedScanner extends ScannerAdapter {
  /** What the app asked to scan, in order. */
  readonly calls: ScanRequest[];
  /** Answers for the next scans, in order; when empty, the scanner is closed (error 10). */
  answers: ScanAnswer[];
}

export function createScriptedScanner(answers: ScanAnswer | ScanAnswer[] = []): ScriptedScanner {
  const scanner: ScriptedScanner = {
    calls: [],
    answers: Array.isArray(answers) ? [...answers] : [answers],
    scan(request) {
      scanner.calls.push(request);
      let answer = scanner.answers.length > 0 ? scanner.answers.shift()! : null;
      if (typeof answer === 'function') answer = answer(request);
      if (answer === null) return null;
      return typeof answer === 'string' ? { code: answer } : answer;
    },
  };
  return scanner;
}
