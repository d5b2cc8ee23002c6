/**
 * System and device APIs (docs: api/基础API/设备, 基础): system information, network type,
 * clipboard, vibration, phone calls, and the app's own identity.
 */

import { defineApi, defineEvent } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s, type ObjectSchema } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

const systemInfoResult: ObjectSchema = s.object(
  {
    app: s.string(),
    brand: s.string(),
    model: s.string(),
    platform: s.string(),
    system: s.string(),
    version: s.string(),
    language: s.string(),
    pixelRatio: s.number(),
    screenWidth: s.number(),
    screenHeight: s.number(),
    windowWidth: s.number(),
    windowHeight: s.number(),
    statusBarHeight: s.number(),
    titleBarHeight: s.number(),
    fontSizeSetting: s.number(),
    currentBattery: s.string(),
    storage: s.string(),
    performance: s.string(),
    transparentTitle: s.boolean(),
    isIphoneXSeries: s.boolean(),
    screen: s.object({ width: s.number(), height: s.number() }, { required: ['width', 'height'] }),
    safeArea: s.object({ left: s.number(), right: s.number(), top: s.number(), bottom: s.number(), width: s.number(), height: s.number() }),
    albumAuthorized: s.boolean(),
    cameraAuthorized: s.boolean(),
    locationAuthorized: s.boolean(),
    microphoneAuthorized: s.boolean(),
    locationEnabled: s.boolean(),
    wifiEnabled: s.boolean(),
    bluetoothEnabled: s.boolean(),
    bluetoothAuthorized: s.boolean(),
    notificationAuthorized: s.boolean(),
  },
  { required: ['platform', 'pixelRatio', 'screenWidth', 'screenHeight', 'windowWidth', 'windowHeight', 'language', 'version', 'screen'] },
);

const NETWORK_TYPES = ['UNKNOWN', 'NOTREACHABLE', 'WIFI', '2G', '3G', '4G', '5G', 'WWAN'];

const success = s.object({ success: s.boolean() }, { required: ['success'] });

function batteryLevel(battery: string | undefined): number {
  const level = Number.parseFloat(String(battery ?? ''));
  return Number.isFinite(level) ? Math.max(0, Math.min(100, Math.round(level))) : 100;
}

function systemInfo(ctx: ApiCallContext) {
  return ctx.host.system;
}

async function vibrate(kind: 'default' | 'short' | 'long', ctx: ApiCallContext) {
  await ctx.host.ui.vibrate(kind, ctx.hostContext());
  return { success: true };
}

export function systemApis(): ApiDefinition[] {
  const windowInfo = s.object({
    pixelRatio: s.number(),
    screenWidth: s.number(),
    screenHeight: s.number(),
    windowWidth: s.number(),
    windowHeight: s.number(),
    statusBarHeight: s.number(),
    safeArea: s.any(),
  });
  return [
    defineApi({ name: 'getSystemInfo', kind: 'async', result: systemInfoResult, handler: (_args, ctx) => systemInfo(ctx), description: 'Device and window information.' }),
    defineApi({
      name: 'getSystemInfoSync',
      kind: 'sync',
      params: s.object({ includeNotification: s.boolean(), includeBluetooth: s.boolean() }),
      result: systemInfoResult,
      handler: (_args, ctx) => systemInfo(ctx),
    }),
    defineApi({
      name: 'getWindowInfo',
      kind: 'sync',
      result: windowInfo,
      handler(_args, ctx) {
        const { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight, statusBarHeight, safeArea } = ctx.host.system;
        return { pixelRatio, screenWidth, screenHeight, windowWidth, windowHeight, statusBarHeight, safeArea };
      },
    }),
    defineApi({
      name: 'getNetworkType',
      kind: 'async',
      result: s.object({ networkAvailable: s.boolean(), networkType: s.enum(NETWORK_TYPES) }, { required: ['networkAvailable', 'networkType'] }),
      handler(_args, ctx) {
        const networkType = ctx.host.network.type;
        return { networkAvailable: networkType !== 'NOTREACHABLE', networkType };
      },
    }),
    ...defineEvent(
      'NetworkStatusChange',
      s.object({ isConnected: s.boolean(), networkType: s.enum(NETWORK_TYPES) }),
      'The network changed (the host emits it).',
    ),
    ...defineEvent(
      'LazyLoadError',
      s.object({ type: s.enum(['subpackage', 'plugin']), subpackage: s.array(s.string()), plugin: s.array(s.string()), errMsg: s.string() }, { required: ['type', 'errMsg'] }),
      'An async component (分包异步化) could not be loaded: its package part failed its checks (errMsg "loadSubpackage: fail").',
    ),
    defineApi({
      name: 'setClipboard',
      kind: 'async',
      params: s.object({ text: s.string() }, { required: ['text'] }),
      result: success,
      async handler(args: { text: string }, ctx) {
        await ctx.host.clipboard.write(args.text, ctx.hostContext());
        return { success: true };
      },
    }),
    defineApi({
      name: 'getClipboard',
      kind: 'async',
      scope: 'clipboard',
      result: s.object({ text: s.string() }, { required: ['text'] }),
      errors: { 2001: 'the user refused', 2002: 'refused before ("don\'t ask again")', 2003: 'the user refused and ticked "don\'t ask again"' },
      async handler(_args, ctx) {
        return { text: String((await ctx.host.clipboard.read(ctx.hostContext())) ?? '') };
      },
      description: 'Reads the clipboard (scope "clipboard").',
    }),
    defineApi({ name: 'vibrate', kind: 'async', result: success, handler: (_args, ctx) => vibrate('default', ctx) }),
    defineApi({ name: 'vibrateShort', kind: 'async', result: success, handler: (_args, ctx) => vibrate('short', ctx), description: 'A short (40 ms) vibration.' }),
    defineApi({ name: 'vibrateLong', kind: 'async', result: success, handler: (_args, ctx) => vibrate('long', ctx), description: 'A long (400 ms) vibration.' }),
    defineApi({
      name: 'makePhoneCall',
      kind: 'async',
      params: s.object({ number: s.string() }, { required: ['number'] }),
      result: success,
      errors: { 2: 'invalid parameter' },
      async handler(args: { number: string }, ctx) {
        const number = args.number.trim();
        if (!/^\+?[0-9][0-9\s\-,;#*()]*$/.test(number)) throw new ApiFailure(ErrorCode.INVALID_PARAM, `makePhoneCall: invalid phone number ${JSON.stringify(args.number)}`);
        await ctx.host.ui.makePhoneCall(number, ctx.hostContext());
        return { success: true };
      },
    }),
    defineApi({
      name: 'getServerTime',
      kind: 'async',
      result: s.object({ time: s.number() }, { required: ['time'] }),
      handler: () => ({ time: Date.now() }),
    }),
    defineApi({
      name: 'getAppIdSync',
      kind: 'sync',
      result: s.object({ appId: s.string() }, { required: ['appId'] }),
      handler: (_args, ctx) => ({ appId: ctx.appId }),
    }),
    defineApi({
      name: 'getRunScene',
      kind: 'async',
      result: s.object({ envVersion: s.enum(['develop', 'trial', 'release', 'gray']) }, { required: ['envVersion'] }),
      // The same version my.getAccountInfoSync reports: a package run by mpk is a development version.
      handler: () => ({ envVersion: 'develop' }),
    }),
    ...(['getBatteryInfo', 'getBatteryInfoSync'] as const).map((name) =>
      defineApi({
        name,
        kind: name.endsWith('Sync') ? 'sync' : 'async',
        result: s.object({ level: s.number(), isCharging: s.boolean() }, { required: ['level', 'isCharging'] }),
        // From the device getSystemInfo describes (currentBattery, e.g. '100%').
        handler: (_args, ctx) => ({ level: batteryLevel(ctx.host.system.currentBattery), isCharging: false }),
      }),
    ),
    defineApi({
      name: 'getAccountInfoSync',
      kind: 'sync',
      result: s.object({ miniProgram: s.object({ appId: s.string(), envVersion: s.string(), version: s.string() }) }, { required: ['miniProgram'] }),
      handler: (_args, ctx) => ({ miniProgram: { appId: ctx.appId, envVersion: 'develop', version: '' } }),
    }),
  ];
}
