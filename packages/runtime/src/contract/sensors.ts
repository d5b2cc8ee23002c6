/**
 * The sensor change events whose first listener starts the sensor (docs: my.onCompassChange "接口调用后会自动开始监听").
 * Listeners live in the sandbox, so the base library reports the first added and the last removed with the
 * internal `sensorWatch` call; the host (jsapi/apis/sensors.ts) starts and stops the sensor.
 */
export const SENSOR_CHANGE_EVENTS = ['AccelerometerChange', 'GyroscopeChange', 'CompassChange', 'DeviceMotionChange'] as const;

export type SensorChangeEvent = (typeof SENSOR_CHANGE_EVENTS)[number];
