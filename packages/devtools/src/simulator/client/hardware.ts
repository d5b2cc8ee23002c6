/**
 * The simulated phone's hardware in the simulator (the runtime's simulated adapters, the same the test
 * harness uses): sensors the Device panel drives, the screen, a scanner answering the codes queued in
 * the panel, and a Bluetooth radio with one demo BLE peripheral. It outlives container restarts, so what
 * the panel set stays set.
 */
import {
  createScriptedScanner, createSimulatedBluetooth, createSimulatedScreen, createSimulatedSensors,
  type ScriptedScanner, type SimulatedBluetooth, type SimulatedScreen, type SimulatedSensors,
} from '@mpk/runtime';

/** The demo peripheral: a heart-rate monitor (service 180D; 2A37 measurement read+notify; 2A39 control write). */
export const DEMO_PERIPHERAL = {
  deviceId: 'MPK:DE:MO:00:00:01',
  name: 'mpk Heart Rate',
  RSSI: -48,
  services: [
    {
      uuid: '180D',
      characteristics: [
        { uuid: '2A37', properties: { read: true, notify: true }, value: '0048' },
        { uuid: '2A39', properties: { write: true } },
      ],
    },
  ],
};

export interface SimulatedHardware {
  bluetooth: SimulatedBluetooth;
  sensors: SimulatedSensors;
  screen: SimulatedScreen;
  scanner: ScriptedScanner;
}

export function createSimulatedHardware(): SimulatedHardware {
  return {
    bluetooth: createSimulatedBluetooth({ peripherals: [DEMO_PERIPHERAL] }),
    sensors: createSimulatedSensors(),
    screen: createSimulatedScreen(),
    scanner: createScriptedScanner(),
  };
}
