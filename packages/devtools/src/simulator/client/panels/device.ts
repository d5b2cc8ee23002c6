/**
 * Device: the simulated phone's hardware (client/hardware.ts). Compass and accelerometer readings go to
 * the app while it has the sensor on (my.onCompassChange, my.startAccelerometer…); Shake answers
 * my.watchShake; codes queued here are what my.scan reads next (an empty queue is the user closing the
 * scanner: 10); the demo BLE peripheral can notify a heart rate or drop its connection; the screen shows
 * the brightness and keep-screen-on the app set.
 */
import { h } from '../dom.ts';
import { DEMO_PERIPHERAL, type SimulatedHardware } from '../hardware.ts';
import type { Panel } from './panel.ts';

export class DevicePanel implements Panel {
  readonly id = 'device';
  readonly title = 'Device';
  readonly element: HTMLElement;
  private readonly status: HTMLElement;

  constructor(private readonly hardware: SimulatedHardware) {
    this.status = h('div', { class: 'muted device-status' });
    const compass = h('input', { type: 'range', min: '0', max: '359', value: '0', class: 'device-compass' });
    compass.addEventListener('input', () => this.report(this.hardware.sensors.emit('compass', { direction: Number(compass.value) }), `compass ${compass.value}°`));
    const axes = ['x', 'y', 'z'].map((axis) => h('input', { type: 'number', step: '0.1', value: axis === 'z' ? '9.8' : '0', class: `device-accel-${axis}`, style: 'width: 4em' }));
    const accel = h('button', {
      class: 'sim-btn device-accel',
      onclick: () => {
        const [x, y, z] = axes.map((input) => Number(input.value));
        this.report(this.hardware.sensors.emit('accelerometer', { x: x!, y: y!, z: z! }), `accelerometer ${x}, ${y}, ${z}`);
      },
    }, 'Send');
    const scanCode = h('input', { class: 'device-scan-code', placeholder: 'code my.scan reads next' });
    const queue = h('button', {
      class: 'sim-btn device-scan-queue',
      onclick: () => {
        if (!scanCode.value) return;
        this.hardware.scanner.answers.push(scanCode.value);
        this.status.textContent = `queued for my.scan: ${scanCode.value} (${this.hardware.scanner.answers.length} waiting)`;
        scanCode.value = '';
      },
    }, 'Queue');
    const heartRate = h('input', { type: 'number', min: '0', max: '255', value: '72', class: 'device-ble-rate', style: 'width: 4em' });
    const notify = h('button', {
      class: 'sim-btn device-ble-notify',
      onclick: () => {
        const rate = Math.max(0, Math.min(255, Math.round(Number(heartRate.value)))) || 0;
        this.hardware.bluetooth.peripheral(DEMO_PERIPHERAL.deviceId).notify('180D', '2A37', `00${rate.toString(16).padStart(2, '0')}`);
        this.status.textContent = `${DEMO_PERIPHERAL.name} notified ${rate} bpm`;
      },
    }, 'Notify');
    const drop = h('button', {
      class: 'sim-btn device-ble-drop',
      onclick: () => {
        this.hardware.bluetooth.peripheral(DEMO_PERIPHERAL.deviceId).disconnect();
        this.status.textContent = `${DEMO_PERIPHERAL.name} dropped the connection`;
      },
    }, 'Disconnect');
    const row = (label: string, ...children: (HTMLElement | string)[]) => h('div', { class: 'panel-bar' }, h('span', { style: 'min-width: 8em' }, label), ...children);
    this.element = h(
      'section',
      null,
      row('Compass', compass),
      row('Accelerometer', ...axes, accel),
      row('Shake', h('button', { class: 'sim-btn device-shake', onclick: () => this.status.textContent = `shaken: ${this.hardware.sensors.shake()} my.watchShake call(s) answered` }, 'Shake')),
      row('Scan', scanCode, queue),
      row(DEMO_PERIPHERAL.name, heartRate, notify, drop),
      row('Screen', h('span', { class: 'device-screen muted' })),
      h('div', { class: 'panel-body' }, this.status),
    );
  }

  shown(): void {
    const screen = this.element.querySelector('.device-screen');
    if (screen) screen.textContent = `brightness ${this.hardware.screen.brightness}, keep screen on: ${this.hardware.screen.keepScreenOn ? 'yes' : 'no'}`;
  }

  private report(delivered: boolean, what: string): void {
    this.status.textContent = delivered ? `sent ${what}` : `${what}: not sent — the app has that sensor off (no listener, or stopped)`;
  }
}
