/**
 * Bluetooth and BLE (docs: 基础API/设备/蓝牙, its error table 蓝牙 API 错误码对照表) over the host's radio
 * (`host.bluetooth`, adapters/bluetooth.ts). The platform's rules live here, once for every host: the
 * adapter is opened first (10000), values are hex (10014), a characteristic only does what its
 * properties allow (10007); the radio reports unknown devices (10002), services (10004) and
 * characteristics (10005), failed connections (10003) and a switched-off phone (12). Events reach
 * `my.onBluetoothDeviceFound`, `onBLECharacteristicValueChange`, `onBLEConnectionStateChanged` and
 * `onBluetoothAdapterStateChange` while the adapter is open. Without `host.bluetooth` every name
 * stays not supported (error 1, canIUse false).
 */

import { BluetoothError, normalizeHex, type BleTarget, type BluetoothAdapter, type BluetoothDeviceInfo } from '../../adapters/bluetooth.ts';
import { defineApi, defineEvent } from '../define.ts';
import { ApiFailure } from '../errors.ts';
import type { ResolvedHost } from '../host-options.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';
import { fromBase64, isBinaryMarker } from './binary.ts';

interface BluetoothState {
  open: boolean;
  discovering: boolean;
  /** Devices found since the adapter opened, by id (my.getBluetoothDevices). */
  found: Map<string, BluetoothDeviceInfo>;
  connected: Set<string>;
  mtu: Map<string, number>;
}

const stateOf = (ctx: ApiCallContext) =>
  ctx.local<BluetoothState>('bluetooth', () => ({ open: false, discovering: false, found: new Map(), connected: new Set(), mtu: new Map() }));

const available = (host: ResolvedHost) => host.bluetooth !== undefined;

/** The radio, with a radio's failures turned into the platform's codes. */
async function radio<T>(ctx: ApiCallContext, op: (bt: BluetoothAdapter) => T | Promise<T>): Promise<T> {
  try {
    return await op(ctx.host.bluetooth!);
  } catch (err) {
    if (err instanceof ApiFailure) throw err;
    if (err instanceof BluetoothError) throw new ApiFailure(err.code, `${ctx.api}: ${err.message}`);
    throw new ApiFailure(10008, `${ctx.api}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function opened(ctx: ApiCallContext): BluetoothState {
  const state = stateOf(ctx);
  if (!state.open) throw new ApiFailure(10000, `${ctx.api}: the Bluetooth adapter is not open (call my.openBluetoothAdapter first)`);
  return state;
}

/** A value to write: hex text, or an ArrayBuffer (it crosses as `{ $arraybuffer }`). */
function hexValue(ctx: ApiCallContext, value: unknown): string {
  if (isBinaryMarker(value)) {
    let hex = '';
    for (const byte of fromBase64(value.$arraybuffer)) hex += byte.toString(16).padStart(2, '0');
    value = hex;
  }
  if (typeof value !== 'string' || value === '') throw new ApiFailure(10014, `${ctx.api}: value must be a non-empty hex string or an ArrayBuffer`);
  try {
    return normalizeHex(value);
  } catch (err) {
    throw new ApiFailure(10014, `${ctx.api}: ${(err as Error).message}`);
  }
}

/** Checks the characteristic exists and allows `operation` (10007 otherwise). */
async function checkOperation(ctx: ApiCallContext, target: BleTarget, operation: 'read' | 'write' | 'notify'): Promise<void> {
  const characteristics = await radio(ctx, (bt) => bt.characteristics(target.deviceId, target.serviceId, ctx.hostContext()));
  const found = characteristics.find((c) => c.characteristicId.toUpperCase() === target.characteristicId.toUpperCase());
  if (!found) throw new ApiFailure(10005, `${ctx.api}: no characteristic ${target.characteristicId} in service ${target.serviceId}`);
  const allowed = operation === 'notify' ? found.properties.notify || found.properties.indicate : found.properties[operation];
  if (!allowed) throw new ApiFailure(10007, `${ctx.api}: characteristic ${target.characteristicId} does not support ${operation}`);
}

function open(ctx: ApiCallContext) {
  const state = stateOf(ctx);
  const emit = (name: string, data: unknown) => ctx.services.emit([{ t: 'hostEvent', name, data }]);
  return radio(ctx, async (bt) => {
    const answer = await bt.open(
      {
        devicesFound: (devices) => {
          if (!state.open || !state.discovering) return;
          for (const device of devices) state.found.set(device.deviceId, device);
          emit('BluetoothDeviceFound', { devices: devices.map((d) => ({ ...d, deviceName: d.name })) });
        },
        valueChanged: (change) => state.open && emit('BLECharacteristicValueChange', change),
        connectionChanged: (change) => {
          if (!state.open) return;
          if (change.connected) state.connected.add(change.deviceId);
          else state.connected.delete(change.deviceId);
          emit('BLEConnectionStateChanged', change);
        },
        adapterStateChanged: (change) => {
          if (!state.open) return;
          state.discovering = change.discovering;
          emit('BluetoothAdapterStateChange', change);
        },
      },
      ctx.hostContext(),
    );
    state.open = true;
    return { isSupportBLE: answer.isSupportBLE };
  });
}

async function close(ctx: ApiCallContext) {
  const state = stateOf(ctx);
  if (!state.open) return {};
  await radio(ctx, (bt) => bt.close(ctx.hostContext()));
  state.open = false;
  state.discovering = false;
  state.found.clear();
  state.connected.clear();
  return {};
}

const device = s.object({ deviceId: s.string() }, { required: ['deviceId'] });
const target = s.object({ deviceId: s.string(), serviceId: s.string(), characteristicId: s.string() }, { required: ['deviceId', 'serviceId', 'characteristicId'] });
const deviceInfo = s.object({ deviceId: s.string(), name: s.string(), deviceName: s.string(), localName: s.string(), RSSI: s.number(), advertisData: s.string(), advertisServiceUUIDs: s.array(s.string()) });
const asTarget = (args: BleTarget): BleTarget => ({ deviceId: args.deviceId, serviceId: args.serviceId, characteristicId: args.characteristicId });

export function bluetoothApis(): ApiDefinition[] {
  const api = (def: ApiDefinition): ApiDefinition => ({ ...def, available });
  return [
    api(defineApi({ name: 'openBluetoothAdapter', kind: 'async', scope: 'bluetooth', params: s.object({ autoClose: s.boolean() }), result: s.object({ isSupportBLE: s.boolean() }), handler: (_args, ctx) => open(ctx) })),
    api(defineApi({ name: 'closeBluetoothAdapter', kind: 'async', handler: (_args, ctx) => close(ctx) })),
    api(
      defineApi({
        name: 'getBluetoothAdapterState',
        kind: 'async',
        result: s.object({ discovering: s.boolean(), available: s.boolean() }),
        handler: (_args, ctx) => {
          const state = opened(ctx);
          return { discovering: state.discovering, available: true };
        },
      }),
    ),
    api(
      defineApi({
        name: 'startBluetoothDevicesDiscovery',
        kind: 'async',
        params: s.object({ services: s.array(s.string()), allowDuplicatesKey: s.boolean(), interval: s.integer({ minimum: 0 }) }),
        handler: async (args: { services?: string[]; allowDuplicatesKey?: boolean; interval?: number }, ctx) => {
          const state = opened(ctx);
          state.discovering = true;
          await radio(ctx, (bt) => bt.startDiscovery({ services: args.services ?? [], allowDuplicatesKey: args.allowDuplicatesKey ?? false, interval: args.interval ?? 0 }, ctx.hostContext()));
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'stopBluetoothDevicesDiscovery',
        kind: 'async',
        handler: async (_args, ctx) => {
          const state = opened(ctx);
          await radio(ctx, (bt) => bt.stopDiscovery(ctx.hostContext()));
          state.discovering = false;
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'getBluetoothDevices',
        kind: 'async',
        result: s.object({ devices: s.array(deviceInfo) }),
        handler: (_args, ctx) => ({ devices: [...opened(ctx).found.values()].map((d) => ({ ...d, deviceName: d.name })) }),
      }),
    ),
    api(
      defineApi({
        name: 'getConnectedBluetoothDevices',
        kind: 'async',
        params: s.object({ deviceId: s.string() }),
        result: s.object({ devices: s.array(deviceInfo) }),
        handler: (_args, ctx) => {
          const state = opened(ctx);
          return { devices: [...state.connected].map((id) => state.found.get(id) ?? { deviceId: id, name: '', RSSI: 0 }).map((d) => ({ ...d, deviceName: d.name })) };
        },
      }),
    ),
    api(
      defineApi({
        name: 'connectBLEDevice',
        kind: 'async',
        scope: 'bluetooth',
        params: device,
        handler: async (args: { deviceId: string }, ctx) => {
          const state = opened(ctx);
          await radio(ctx, (bt) => bt.connect(args.deviceId, ctx.hostContext()));
          state.connected.add(args.deviceId);
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'disconnectBLEDevice',
        kind: 'async',
        params: device,
        handler: async (args: { deviceId: string }, ctx) => {
          const state = opened(ctx);
          await radio(ctx, (bt) => bt.disconnect(args.deviceId, ctx.hostContext()));
          state.connected.delete(args.deviceId);
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'getBLEDeviceServices',
        kind: 'async',
        params: device,
        result: s.object({ services: s.array(s.object({ serviceId: s.string(), isPrimary: s.boolean() })) }),
        handler: async (args: { deviceId: string }, ctx) => {
          opened(ctx);
          return { services: await radio(ctx, (bt) => bt.services(args.deviceId, ctx.hostContext())) };
        },
      }),
    ),
    api(
      defineApi({
        name: 'getBLEDeviceCharacteristics',
        kind: 'async',
        params: s.object({ deviceId: s.string(), serviceId: s.string() }, { required: ['deviceId', 'serviceId'] }),
        result: s.object({ characteristics: s.array(s.object({ characteristicId: s.string(), serviceId: s.string(), value: s.string(), properties: s.object({ read: s.boolean(), write: s.boolean(), notify: s.boolean(), indicate: s.boolean() }) })) }),
        handler: async (args: { deviceId: string; serviceId: string }, ctx) => {
          opened(ctx);
          const characteristics = await radio(ctx, (bt) => bt.characteristics(args.deviceId, args.serviceId, ctx.hostContext()));
          return { characteristics: characteristics.map((c) => ({ ...c, value: c.value ?? '' })) };
        },
      }),
    ),
    api(
      defineApi({
        name: 'readBLECharacteristicValue',
        kind: 'async',
        params: target,
        result: s.object({ characteristic: s.object({ characteristicId: s.string(), serviceId: s.string(), value: s.string() }) }),
        handler: async (args: BleTarget, ctx) => {
          opened(ctx);
          await checkOperation(ctx, args, 'read');
          const value = await radio(ctx, (bt) => bt.read(asTarget(args), ctx.hostContext()));
          return { characteristic: { characteristicId: args.characteristicId.toUpperCase(), serviceId: args.serviceId.toUpperCase(), value: normalizeHex(value) } };
        },
      }),
    ),
    api(
      defineApi({
        name: 'writeBLECharacteristicValue',
        kind: 'async',
        params: s.object({ deviceId: s.string(), serviceId: s.string(), characteristicId: s.string(), value: s.any() }, { required: ['deviceId', 'serviceId', 'characteristicId', 'value'] }),
        handler: async (args: BleTarget & { value: unknown }, ctx) => {
          opened(ctx);
          const value = hexValue(ctx, args.value);
          await checkOperation(ctx, args, 'write');
          await radio(ctx, (bt) => bt.write(asTarget(args), value, ctx.hostContext()));
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'notifyBLECharacteristicValueChange',
        kind: 'async',
        params: s.object({ deviceId: s.string(), serviceId: s.string(), characteristicId: s.string(), descriptorId: s.string(), state: s.boolean() }, { required: ['deviceId', 'serviceId', 'characteristicId'] }),
        handler: async (args: BleTarget & { state?: boolean }, ctx) => {
          opened(ctx);
          await checkOperation(ctx, args, 'notify');
          await radio(ctx, (bt) => bt.notify(asTarget(args), args.state ?? true, ctx.hostContext()));
          return {};
        },
      }),
    ),
    api(
      defineApi({
        name: 'getBLEDeviceRSSI',
        kind: 'async',
        params: device,
        result: s.object({ RSSI: s.number() }),
        handler: async (args: { deviceId: string }, ctx) => {
          opened(ctx);
          return { RSSI: await radio(ctx, (bt) => bt.rssi(args.deviceId, ctx.hostContext())) };
        },
      }),
    ),
    api(
      defineApi({
        name: 'setBLEMTU',
        kind: 'async',
        params: s.object({ deviceId: s.string(), mtu: s.integer({ minimum: 23, maximum: 512 }) }, { required: ['deviceId', 'mtu'] }),
        result: s.object({ mtu: s.number() }),
        handler: async (args: { deviceId: string; mtu: number }, ctx) => {
          const state = opened(ctx);
          const mtu = await radio(ctx, (bt) => bt.setMtu(args.deviceId, args.mtu, ctx.hostContext()));
          state.mtu.set(args.deviceId, mtu);
          return { mtu };
        },
      }),
    ),
    api(
      defineApi({
        name: 'getBLEMTU',
        kind: 'async',
        params: device,
        result: s.object({ mtu: s.number() }),
        handler: (args: { deviceId: string }, ctx) => {
          const state = opened(ctx);
          if (!state.connected.has(args.deviceId)) throw new ApiFailure(10006, `getBLEMTU: ${args.deviceId} is not connected`);
          return { mtu: state.mtu.get(args.deviceId) ?? 23 };
        },
      }),
    ),
    ...[
      ...defineEvent('BluetoothDeviceFound', s.object({ devices: s.array(deviceInfo) })),
      ...defineEvent('BLECharacteristicValueChange', s.object({ deviceId: s.string(), serviceId: s.string(), characteristicId: s.string(), value: s.string() })),
      ...defineEvent('BLEConnectionStateChanged', s.object({ deviceId: s.string(), connected: s.boolean() })),
      ...defineEvent('BluetoothAdapterStateChange', s.object({ available: s.boolean(), discovering: s.boolean() })),
    ].map((def) => ({ ...def, available })),
  ];
}
