/**
 * The Bluetooth radio behind my.openBluetoothAdapter and the BLE APIs (docs: 基础API/设备/蓝牙). The
 * platform's rules — adapter opened first (10000), known device (10002), service (10004) and
 * characteristic (10005) ids, the operations a characteristic allows (10007), hex values (10014) —
 * are enforced once, in jsapi/apis/bluetooth.ts; an adapter only talks to the hardware. Values cross
 * as upper-case hex strings, as the platform reports them.
 *
 * `createSimulatedBluetooth({ peripherals })` is a radio with scripted peripherals, for the test
 * harness and the simulator: an author's test advertises devices, answers reads and writes, sends
 * notifications and drops connections.
 */

import type { HostContext, MaybePromise } from './context.ts';

export interface BleCharacteristicProperties {
  read?: boolean;
  write?: boolean;
  notify?: boolean;
  indicate?: boolean;
}

export interface BleCharacteristicInfo {
  characteristicId: string;
  serviceId: string;
  properties: BleCharacteristicProperties;
  /** The current value (hex), when the radio knows it. */
  value?: string;
}

export interface BleServiceInfo {
  serviceId: string;
  isPrimary: boolean;
}

/** A device as my.onBluetoothDeviceFound / my.getBluetoothDevices report it. */
export interface BluetoothDeviceInfo {
  deviceId: string;
  name?: string;
  localName?: string;
  RSSI: number;
  /** Advertised data (hex). */
  advertisData?: string;
  /** Primary service UUIDs it advertises. */
  advertisServiceUUIDs?: string[];
}

/** What the radio reports while an app has the adapter open. */
export interface BluetoothEvents {
  devicesFound(devices: BluetoothDeviceInfo[]): void;
  valueChanged(change: { deviceId: string; serviceId: string; characteristicId: string; value: string }): void;
  connectionChanged(change: { deviceId: string; connected: boolean }): void;
  adapterStateChanged(state: { available: boolean; discovering: boolean }): void;
}

/** Thrown (or rejected) by a radio to fail an operation with a documented code (12 switched off, 10003 connect failed…). */
export class BluetoothError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

export interface BluetoothAdapter {
  /** Powers up for this app; `events` hears the radio until `close`. Throw a BluetoothError(12) when Bluetooth is off. */
  open(events: BluetoothEvents, context: HostContext): MaybePromise<{ isSupportBLE: boolean }>;
  close(context: HostContext): MaybePromise<void>;
  startDiscovery(options: { services: string[]; allowDuplicatesKey: boolean; interval: number }, context: HostContext): MaybePromise<void>;
  stopDiscovery(context: HostContext): MaybePromise<void>;
  connect(deviceId: string, context: HostContext): MaybePromise<void>;
  disconnect(deviceId: string, context: HostContext): MaybePromise<void>;
  services(deviceId: string, context: HostContext): MaybePromise<BleServiceInfo[]>;
  characteristics(deviceId: string, serviceId: string, context: HostContext): MaybePromise<BleCharacteristicInfo[]>;
  /** Reads a characteristic; resolves with its value (hex). */
  read(target: BleTarget, context: HostContext): MaybePromise<string>;
  write(target: BleTarget, value: string, context: HostContext): MaybePromise<void>;
  /** Turns notifications of a characteristic on or off. */
  notify(target: BleTarget, enabled: boolean, context: HostContext): MaybePromise<void>;
  rssi(deviceId: string, context: HostContext): MaybePromise<number>;
  /** Negotiates the MTU (22–512); resolves with the one agreed. */
  setMtu(deviceId: string, mtu: number, context: HostContext): MaybePromise<number>;
}

export interface BleTarget {
  deviceId: string;
  serviceId: string;
  characteristicId: string;
}

// ---------------------------------------------------------------------------------------------
// The simulated radio

export interface SimulatedCharacteristic {
  uuid: string;
  properties: BleCharacteristicProperties;
  /** Initial value (hex). */
  value?: string;
  /**
   * Runs when the app writes (after the value is stored): return a hex value to notify back (a
   * request/response protocol), or nothing.
   */
  onWrite?: (value: string) => string | void;
}

export interface SimulatedService {
  uuid: string;
  isPrimary?: boolean;
  characteristics: SimulatedCharacteristic[];
}

export interface SimulatedPeripheralSpec {
  deviceId: string;
  name?: string;
  RSSI?: number;
  advertisData?: string;
  services?: SimulatedService[];
  /** Connecting fails with 10003 (out of range, refusing connections). */
  refuseConnection?: boolean;
}

/** A scripted peripheral a test drives. */
export interface SimulatedPeripheral {
  readonly deviceId: string;
  readonly connected: boolean;
  /** Values the app wrote, in order. */
  readonly writes: readonly (BleTarget & { value: string })[];
  /** The device changes a characteristic's value; subscribed apps hear it (onBLECharacteristicValueChange). */
  notify(serviceId: string, characteristicId: string, value: string): void;
  /** The device drops the connection (onBLEConnectionStateChanged hears `connected: false`). */
  disconnect(): void;
  setRSSI(rssi: number): void;
}

export interface SimulatedBluetooth extends BluetoothAdapter {
  peripheral(deviceId: string): SimulatedPeripheral;
  /** Switches the phone's Bluetooth on or off (onBluetoothAdapterStateChange; open fails with 12 while off). */
  setPowered(on: boolean): void;
  /** Another peripheral comes into range (reported at once if the app is discovering). */
  advertise(spec: SimulatedPeripheralSpec): SimulatedPeripheral;
}

const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

/** Upper-case hex, as the platform reports values; throws for text that is not whole bytes of hex. */
export function normalizeHex(value: string): string {
  if (!HEX.test(value)) throw new BluetoothError(10014, `not a hex string of whole bytes: ${JSON.stringify(value.slice(0, 40))}`);
  return value.toUpperCase();
}

const sameUuid = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

class Peripheral implements SimulatedPeripheral {
  connected = false;
  readonly writes: (BleTarget & { value: string })[] = [];
  readonly subscribed = new Set<string>();
  readonly values = new Map<string, string>();
  rssi: number;

  constructor(readonly spec: SimulatedPeripheralSpec, private readonly radio: Radio) {
    this.rssi = spec.RSSI ?? -60;
    for (const service of spec.services ?? []) {
      for (const c of service.characteristics) this.values.set(key(service.uuid, c.uuid), normalizeHex(c.value ?? ''));
    }
  }

  get deviceId(): string {
    return this.spec.deviceId;
  }

  info(): BluetoothDeviceInfo {
    return {
      deviceId: this.spec.deviceId,
      name: this.spec.name ?? '',
      localName: this.spec.name ?? '',
      RSSI: this.rssi,
      advertisData: normalizeHex(this.spec.advertisData ?? ''),
      advertisServiceUUIDs: (this.spec.services ?? []).filter((s) => s.isPrimary !== false).map((s) => s.uuid.toUpperCase()),
    };
  }

  characteristic(serviceId: string, characteristicId: string): { service: SimulatedService; characteristic: SimulatedCharacteristic } {
    const service = (this.spec.services ?? []).find((s) => sameUuid(s.uuid, serviceId));
    if (!service) throw new BluetoothError(10004, `no service ${serviceId} on ${this.deviceId}`);
    const characteristic = service.characteristics.find((c) => sameUuid(c.uuid, characteristicId));
    if (!characteristic) throw new BluetoothError(10005, `no characteristic ${characteristicId} in service ${serviceId}`);
    return { service, characteristic };
  }

  notify(serviceId: string, characteristicId: string, value: string): void {
    const { service, characteristic } = this.characteristic(serviceId, characteristicId);
    const hex = normalizeHex(value);
    this.values.set(key(service.uuid, characteristic.uuid), hex);
    if (this.connected && this.subscribed.has(key(service.uuid, characteristic.uuid))) {
      this.radio.events?.valueChanged({ deviceId: this.deviceId, serviceId: service.uuid.toUpperCase(), characteristicId: characteristic.uuid.toUpperCase(), value: hex });
    }
  }

  disconnect(): void {
    if (!this.connected) return;
    this.connected = false;
    this.subscribed.clear();
    this.radio.events?.connectionChanged({ deviceId: this.deviceId, connected: false });
  }

  setRSSI(rssi: number): void {
    this.rssi = rssi;
  }
}

const key = (serviceId: string, characteristicId: string) => `${serviceId.toUpperCase()}/${characteristicId.toUpperCase()}`;

class Radio implements SimulatedBluetooth {
  events: BluetoothEvents | undefined;
  powered = true;
  discovering = false;
  private filter: string[] = [];
  private readonly peripherals = new Map<string, Peripheral>();

  constructor(specs: readonly SimulatedPeripheralSpec[], powered: boolean) {
    this.powered = powered;
    for (const spec of specs) this.peripherals.set(spec.deviceId, new Peripheral(spec, this));
  }

  peripheral(deviceId: string): SimulatedPeripheral {
    const p = this.peripherals.get(deviceId);
    if (!p) throw new Error(`no simulated peripheral ${JSON.stringify(deviceId)} (known: ${[...this.peripherals.keys()].join(', ') || 'none'})`);
    return p;
  }

  advertise(spec: SimulatedPeripheralSpec): SimulatedPeripheral {
    const p = new Peripheral(spec, this);
    this.peripherals.set(spec.deviceId, p);
    if (this.discovering && this.matches(p)) this.events?.devicesFound([p.info()]);
    return p;
  }

  setPowered(on: boolean): void {
    if (this.powered === on) return;
    this.powered = on;
    if (!on) {
      this.discovering = false;
      for (const p of this.peripherals.values()) p.disconnect();
    }
    this.events?.adapterStateChanged({ available: on, discovering: this.discovering });
  }

  private device(deviceId: string): Peripheral {
    this.assertPowered();
    const p = this.peripherals.get(deviceId);
    if (!p) throw new BluetoothError(10002, `no device ${deviceId} in range`);
    return p;
  }

  private connectedDevice(deviceId: string): Peripheral {
    const p = this.device(deviceId);
    if (!p.connected) throw new BluetoothError(10006, `${deviceId} is not connected`);
    return p;
  }

  private assertPowered(): void {
    if (!this.powered) throw new BluetoothError(12, 'Bluetooth is switched off');
  }

  private matches(p: Peripheral): boolean {
    if (this.filter.length === 0) return true;
    const advertised = p.info().advertisServiceUUIDs ?? [];
    return this.filter.some((uuid) => advertised.some((a) => sameUuid(a, uuid)));
  }

  open(events: BluetoothEvents): { isSupportBLE: boolean } {
    this.assertPowered();
    this.events = events;
    return { isSupportBLE: true };
  }

  close(): void {
    for (const p of this.peripherals.values()) {
      p.connected = false;
      p.subscribed.clear();
    }
    this.discovering = false;
    this.events = undefined;
  }

  startDiscovery(options: { services: string[] }): void {
    this.assertPowered();
    this.filter = options.services;
    const wasDiscovering = this.discovering;
    this.discovering = true;
    if (!wasDiscovering) this.events?.adapterStateChanged({ available: true, discovering: true });
    // Reported after the call answers, as a radio's scan results arrive.
    queueMicrotask(() => {
      const found = [...this.peripherals.values()].filter((p) => this.matches(p)).map((p) => p.info());
      if (this.discovering && found.length > 0) this.events?.devicesFound(found);
    });
  }

  stopDiscovery(): void {
    if (!this.discovering) return;
    this.discovering = false;
    this.events?.adapterStateChanged({ available: this.powered, discovering: false });
  }

  connect(deviceId: string): void {
    const p = this.device(deviceId);
    if (p.spec.refuseConnection) throw new BluetoothError(10003, `${deviceId} refused the connection`);
    if (p.connected) return;
    p.connected = true;
    this.events?.connectionChanged({ deviceId, connected: true });
  }

  disconnect(deviceId: string): void {
    this.device(deviceId).disconnect();
  }

  services(deviceId: string): BleServiceInfo[] {
    return (this.connectedDevice(deviceId).spec.services ?? []).map((s) => ({ serviceId: s.uuid.toUpperCase(), isPrimary: s.isPrimary !== false }));
  }

  characteristics(deviceId: string, serviceId: string): BleCharacteristicInfo[] {
    const p = this.connectedDevice(deviceId);
    const service = (p.spec.services ?? []).find((s) => sameUuid(s.uuid, serviceId));
    if (!service) throw new BluetoothError(10004, `no service ${serviceId} on ${deviceId}`);
    return service.characteristics.map((c) => ({
      characteristicId: c.uuid.toUpperCase(),
      serviceId: service.uuid.toUpperCase(),
      properties: { read: !!c.properties.read, write: !!c.properties.write, notify: !!c.properties.notify, indicate: !!c.properties.indicate },
      value: p.values.get(key(service.uuid, c.uuid)),
    }));
  }

  read(target: BleTarget): string {
    const p = this.connectedDevice(target.deviceId);
    const { service, characteristic } = p.characteristic(target.serviceId, target.characteristicId);
    return p.values.get(key(service.uuid, characteristic.uuid)) ?? '';
  }

  write(target: BleTarget, value: string): void {
    const p = this.connectedDevice(target.deviceId);
    const { service, characteristic } = p.characteristic(target.serviceId, target.characteristicId);
    p.values.set(key(service.uuid, characteristic.uuid), value);
    p.writes.push({ deviceId: p.deviceId, serviceId: service.uuid.toUpperCase(), characteristicId: characteristic.uuid.toUpperCase(), value });
    const reply = characteristic.onWrite?.(value);
    if (typeof reply === 'string') {
      // The device's answer arrives after the write is acknowledged, on whichever characteristic notifies.
      const notifying = service.characteristics.find((c) => c.properties.notify || c.properties.indicate) ?? characteristic;
      queueMicrotask(() => p.notify(service.uuid, notifying.uuid, reply));
    }
  }

  notify(target: BleTarget, enabled: boolean): void {
    const p = this.connectedDevice(target.deviceId);
    const { service, characteristic } = p.characteristic(target.serviceId, target.characteristicId);
    if (enabled) p.subscribed.add(key(service.uuid, characteristic.uuid));
    else p.subscribed.delete(key(service.uuid, characteristic.uuid));
  }

  rssi(deviceId: string): number {
    return this.connectedDevice(deviceId).rssi;
  }

  setMtu(deviceId: string, mtu: number): number {
    this.connectedDevice(deviceId);
    return Math.min(mtu, 247);
  }
}

/** A radio with scripted peripherals (the harness's and the simulator's Bluetooth). */
export function createSimulatedBluetooth(options: { peripherals?: readonly SimulatedPeripheralSpec[]; powered?: boolean } = {}): SimulatedBluetooth {
  return new Radio(options.peripherals ?? [], options.powered ?? true);
}
