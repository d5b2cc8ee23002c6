/**
 * Device hardware through the harness's simulated phone (docs: 基础API/设备/蓝牙 and its error table 蓝牙 API
 * 错误码对照表, 加速度计, 罗盘, 陀螺仪, 设备方向, 摇一摇, 屏幕亮度, 扫码): a scripted BLE peripheral an author's test
 * drives, sensors started by my.startX and by a first listener, shake, brightness and the scanner — and,
 * in a container without those adapters, the documented not-supported answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { MiniApp } from '@mpk/devtools/harness';
import { callApi, driverAppJs } from '../support/driver.ts';
import { closeAll, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

const HEART_RATE = '180D';
const MEASUREMENT = '2A37';
const CONTROL = '2A39';

const thermometer = {
  deviceId: 'AA:BB:CC:00:00:01',
  name: 'Thermo',
  RSSI: -52,
  advertisData: '0201',
  services: [
    {
      uuid: HEART_RATE,
      characteristics: [
        { uuid: MEASUREMENT, properties: { read: true, notify: true }, value: '0048' },
        // Writing 01 asks the device to answer with a fresh reading (notified on MEASUREMENT).
        { uuid: CONTROL, properties: { write: true }, onWrite: (value: string) => (value === '01' ? '0050' : undefined) },
      ],
    },
  ],
};

/** A page that logs every Bluetooth event it hears. */
function listeningApp(extraJs = '') {
  return {
    'app.js': driverAppJs(),
    ...page('pages/index/index', {
      axml: '<view>ble</view>',
      js: `Page({ onLoad() {
        my.onBluetoothDeviceFound((res) => console.log('found ' + JSON.stringify(res.devices.map((d) => [d.deviceId, d.name, d.RSSI]))));
        my.onBLECharacteristicValueChange((res) => console.log('value ' + res.characteristicId + ' ' + res.value));
        my.onBLEConnectionStateChanged((res) => console.log('connection ' + res.deviceId + ' ' + res.connected));
        my.onBluetoothAdapterStateChange((res) => console.log('adapter ' + res.available + ' ' + res.discovering));
        ${extraJs}
      } });`,
    }),
  };
}

const lines = (app: MiniApp, prefix: string) => logLines(app).filter((l) => l.startsWith(prefix));

describe('Bluetooth with a scripted peripheral', () => {
  it('discovers, connects, reads, subscribes, writes and hears the device answer', async () => {
    const app = await launchProject(listeningApp(), { device: { peripherals: [thermometer] }, host: { permissions: { bluetooth: 'granted' } } });
    expect(await callApi(app, 'openBluetoothAdapter')).toEqual(['success {"isSupportBLE":true}', 'complete {"isSupportBLE":true}']);
    await callApi(app, 'startBluetoothDevicesDiscovery', { services: [HEART_RATE] });
    await app.session.container.waitForIdle();
    expect(lines(app, 'found')).toEqual(['found [["AA:BB:CC:00:00:01","Thermo",-52]]']);
    expect(lines(app, 'adapter')).toEqual(['adapter true true']);

    expect((await callApi(app, 'connectBLEDevice', { deviceId: thermometer.deviceId }))[0]).toBe('success {}');
    expect(lines(app, 'connection')).toEqual(['connection AA:BB:CC:00:00:01 true']);
    expect(await callApi(app, 'getBLEDeviceServices', { deviceId: thermometer.deviceId })).toContain('success {"services":[{"serviceId":"180D","isPrimary":true}]}');
    const chars = await callApi(app, 'getBLEDeviceCharacteristics', { deviceId: thermometer.deviceId, serviceId: HEART_RATE });
    expect(JSON.parse(chars[0]!.slice('success '.length)).characteristics.map((c: { characteristicId: string; properties: object }) => [c.characteristicId, c.properties])).toEqual([
      ['2A37', { read: true, write: false, notify: true, indicate: false }],
      ['2A39', { read: false, write: true, notify: false, indicate: false }],
    ]);

    const target = { deviceId: thermometer.deviceId, serviceId: HEART_RATE };
    expect((await callApi(app, 'readBLECharacteristicValue', { ...target, characteristicId: MEASUREMENT }))[0]).toBe(
      'success {"characteristic":{"characteristicId":"2A37","serviceId":"180D","value":"0048"}}',
    );
    await callApi(app, 'notifyBLECharacteristicValueChange', { ...target, characteristicId: MEASUREMENT, state: true });

    // The test drives the device: a notification, then the answer to a write.
    app.device.bluetooth.peripheral(thermometer.deviceId).notify(HEART_RATE, MEASUREMENT, '004a');
    await app.session.container.waitForIdle();
    expect((await callApi(app, 'writeBLECharacteristicValue', { ...target, characteristicId: CONTROL, value: '01' }))[0]).toBe('success {}');
    await app.session.container.waitForIdle();
    expect(lines(app, 'value')).toEqual(['value 2A37 004A', 'value 2A37 0050']);
    expect(app.device.bluetooth.peripheral(thermometer.deviceId).writes).toEqual([{ ...target, characteristicId: CONTROL, value: '01' }]);

    // The device drops the connection: the app hears it, and further reads fail with 10006.
    app.device.bluetooth.peripheral(thermometer.deviceId).disconnect();
    await app.session.container.waitForIdle();
    expect(lines(app, 'connection')).toEqual(['connection AA:BB:CC:00:00:01 true', 'connection AA:BB:CC:00:00:01 false']);
    expect((await callApi(app, 'readBLECharacteristicValue', { ...target, characteristicId: MEASUREMENT }))[0]).toMatch(/^fail \{"error":10006,/);
    await app.close();
  });

  it('answers each misuse with the documented code', async () => {
    const app = await launchProject(listeningApp(), { device: { peripherals: [thermometer, { deviceId: 'FAR', refuseConnection: true }] }, host: { permissions: { bluetooth: 'granted' } } });
    const code = async (api: string, args: object = {}) => JSON.parse((await callApi(app, api, args))[0]!.replace(/^\w+ /, '')).error as number | undefined;
    const target = { deviceId: thermometer.deviceId, serviceId: HEART_RATE };
    expect(await code('startBluetoothDevicesDiscovery')).toBe(10000); // adapter not open
    await callApi(app, 'openBluetoothAdapter');
    expect(await code('connectBLEDevice', { deviceId: 'NOPE' })).toBe(10002);
    expect(await code('connectBLEDevice', { deviceId: 'FAR' })).toBe(10003);
    expect(await code('getBLEDeviceServices', { deviceId: thermometer.deviceId })).toBe(10006); // not connected
    await callApi(app, 'connectBLEDevice', { deviceId: thermometer.deviceId });
    expect(await code('getBLEDeviceCharacteristics', { deviceId: thermometer.deviceId, serviceId: 'FFFF' })).toBe(10004);
    expect(await code('readBLECharacteristicValue', { ...target, characteristicId: 'FFFF' })).toBe(10005);
    expect(await code('readBLECharacteristicValue', { ...target, characteristicId: CONTROL })).toBe(10007); // write-only
    expect(await code('writeBLECharacteristicValue', { ...target, characteristicId: CONTROL, value: 'xyz' })).toBe(10014);
    expect(await code('writeBLECharacteristicValue', { ...target, characteristicId: MEASUREMENT, value: '01' })).toBe(10007);
    expect(app.device.bluetooth.peripheral(thermometer.deviceId).writes).toEqual([]);
    // Bluetooth switched off on the phone: the app hears it; opening again fails with 12.
    await callApi(app, 'closeBluetoothAdapter');
    app.device.bluetooth.setPowered(false);
    expect(await code('openBluetoothAdapter')).toBe(12);
    await app.close();
  });

  it('writes an ArrayBuffer value as its bytes', async () => {
    const app = await launchProject(
      listeningApp(`this.writeBuffer = () => my.writeBLECharacteristicValue({ deviceId: '${thermometer.deviceId}', serviceId: '${HEART_RATE}', characteristicId: '${CONTROL}', value: new Uint8Array([1, 255]).buffer })
        .then(() => console.log('written'), (e) => console.log('write failed ' + e.error));
        my.on('write', () => this.writeBuffer());`),
      { device: { peripherals: [thermometer] }, host: { permissions: { bluetooth: 'granted' } } },
    );
    await callApi(app, 'openBluetoothAdapter');
    await callApi(app, 'connectBLEDevice', { deviceId: thermometer.deviceId });
    await app.emit('write');
    expect(lines(app, 'writ')).toEqual(['written']);
    expect(app.device.bluetooth.peripheral(thermometer.deviceId).writes.map((w) => w.value)).toEqual(['01FF']);
    await app.close();
  });

  it('needs the bluetooth permission to open the adapter (a scope the host did not grant fails as refused before: 2002)', async () => {
    const app = await launchProject(listeningApp(), { device: { peripherals: [thermometer] } });
    expect((await callApi(app, 'openBluetoothAdapter'))[0]).toMatch(/^fail \{"error":2002,/);
    await app.close();
  });
});

describe('sensors, shake, screen and scanner', () => {
  const sensorPage = page('pages/index/index', {
    axml: '<view>{{direction}}</view>',
    js: `Page({ data: { direction: -1 }, onLoad() {
      this.onCompass = (res) => this.setData({ direction: res.direction });
      my.on('listen', () => my.onCompassChange(this.onCompass));
      my.on('unlisten', () => my.offCompassChange(this.onCompass));
      my.on('accel', () => my.startAccelerometer({ interval: 'game', success: () => my.onAccelerometerChange((r) => console.log('accel ' + r.x + ',' + r.y + ',' + r.z)) }));
      my.on('shake', () => my.watchShake({ success: () => console.log('shaken') }));
    } });`,
  });

  it('a first listener starts the compass, the last one removed stops it', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...sensorPage });
    const sensors = app.device.sensors;
    expect(sensors.emit('compass', { direction: 10 })).toBe(false); // nobody listens: the sensor is off
    await app.emit('listen');
    await app.session.container.waitForIdle();
    expect(sensors.running.get('compass')).toBe(500); // "回调间隔为 500ms"
    expect(sensors.emit('compass', { direction: 90 })).toBe(true);
    await app.session.container.waitForIdle();
    expect(app.currentPage().text('view')).toBe('90');
    await app.emit('unlisten');
    await app.session.container.waitForIdle();
    expect(sensors.running.has('compass')).toBe(false);
    expect(sensors.emit('compass', { direction: 180 })).toBe(false);
    expect(app.currentPage().text('view')).toBe('90');
    await app.close();
  });

  it('startAccelerometer sets the pace; readings carry only the documented fields; stop ends them', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...sensorPage });
    await app.emit('accel');
    await app.session.container.waitForIdle();
    expect(app.device.sensors.running.get('accelerometer')).toBe(20);
    app.device.sensors.emit('accelerometer', { x: 0.5, y: -1, z: 9.8, secret: 42 });
    await app.session.container.waitForIdle();
    expect(lines(app, 'accel')).toEqual(['accel 0.5,-1,9.8']);
    await callApi(app, 'stopAccelerometer');
    expect(app.device.sensors.running.has('accelerometer')).toBe(false);
    await app.close();
  });

  it('watchShake succeeds at the next shake', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...sensorPage });
    // The call stays pending until the phone is shaken (emit waits for the app to settle).
    let waiting = -1;
    setTimeout(() => (waiting = app.device.sensors.shake()), 100);
    await app.emit('shake');
    expect(waiting).toBe(1);
    expect(lines(app, 'shaken')).toEqual(['shaken']);
    expect(app.device.sensors.shake()).toBe(0);
    await app.close();
  });

  it('brightness and keep-screen-on reach the screen', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) }, { device: { brightness: 0.3 } });
    expect((await callApi(app, 'getScreenBrightness'))[0]).toBe('success {"brightness":0.3}');
    await callApi(app, 'setScreenBrightness', { brightness: 0.8 });
    await callApi(app, 'setKeepScreenOn', { keepScreenOn: true });
    expect([app.device.screen.brightness, app.device.screen.keepScreenOn]).toEqual([0.8, true]);
    expect((await callApi(app, 'setScreenBrightness', { brightness: 2 }))[0]).toMatch(/^fail \{"error":2,/);
    await app.close();
  });

  it('scan answers what the camera read, 10 when the user closes it', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) }, {
      device: { scans: ['https://example.com/pay?id=1', { code: '6901234567892', scanType: 'barCode' }, null] },
      host: { permissions: { camera: 'granted' } },
    });
    expect((await callApi(app, 'scan'))[0]).toBe('success {"code":"https://example.com/pay?id=1","result":"https://example.com/pay?id=1","scanType":"qrCode","imageChannel":"camera","qrCode":"https://example.com/pay?id=1"}');
    expect((await callApi(app, 'scan', { scanType: ['barCode'] }))[0]).toContain('"barCode":"6901234567892"');
    expect((await callApi(app, 'scan'))[0]).toMatch(/^fail \{"error":10,/);
    expect(app.device.scanner.calls.map((c) => c.scanType)).toEqual([['qrCode', 'barCode'], ['barCode'], ['qrCode', 'barCode']]);
    await app.close();
  });

  it('without the adapters every one of these is not supported, and canIUse says so', async () => {
    const app = await launchProject({ 'app.js': driverAppJs(), ...page('pages/index/index', { axml: '<view/>' }) }, {
      host: { bluetooth: undefined, sensors: undefined, screen: undefined, scanner: undefined },
    });
    for (const api of ['openBluetoothAdapter', 'startCompass', 'getScreenBrightness', 'scan']) {
      expect((await callApi(app, api))[0], api).toMatch(/^fail \{"error":1,/);
      expect(await callApi(app, 'canIUse', api, 'sync'), api).toEqual(['return false']);
    }
    await app.close();
  });
});
