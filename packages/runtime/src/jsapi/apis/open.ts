/**
 * Open capabilities (docs: api/开放能力API, my.openSetting): authorisation codes, permission
 * settings, payment and message subscription, each through a host adapter.
 */

import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

/** Scopes my.getAuthCode knows (@mini-types: authSuccessScopes). Anything else: error 3 (docs). */
const AUTH_SCOPES = new Set([
  'auth_base', 'auth_user', 'auth_zhima', 'order_service', 'trip_ticket', 'ride_hailing', 'charging_pile',
  'ptjob_order_sync', 'indr_order_sync', 'car_rental_auth', 'hospital_order', 'consumer_finance',
]);

/** The documented result codes of my.tradePay. */
export const TRADE_PAY_RESULT_CODES = ['9000', '8000', '4000', '6001', '6002', '6004', '4'];

async function getAuthCode(args: { scopes?: string | string[] }, ctx: ApiCallContext) {
  const requested = [...new Set(typeof args.scopes === 'string' ? [args.scopes] : (args.scopes ?? ['auth_base']))];
  if (requested.length === 0) requested.push('auth_base');
  const unknown = requested.filter((scope) => !AUTH_SCOPES.has(scope));
  if (unknown.length > 0) throw new ApiFailure(ErrorCode.UNKNOWN, `getAuthCode: no authorisation result for unknown scope(s) ${unknown.join(', ')}`);
  const granted: string[] = [];
  const errors: Record<string, string> = {};
  for (const scope of requested) {
    const outcome = await ctx.permissions.authorize(scope, 'getAuthCode', ctx.hostContext());
    if (outcome === 'granted') granted.push(scope);
    else errors[scope] = '11';
  }
  if (granted.length === 0) throw new ApiFailure(11, 'getAuthCode: the user cancelled the authorisation', { authErrorScopes: errors });
  const authCode = await ctx.host.auth.getAuthCode({ scopes: granted }, ctx.hostContext());
  if (typeof authCode !== 'string' || authCode === '') throw new ApiFailure(12, 'getAuthCode: no authorisation code was issued');
  return { authCode, authSuccessScopes: granted, authErrorScopes: errors };
}

async function tradePay(args: { tradeNO?: string; orderStr?: string }, ctx: ApiCallContext) {
  // The docs answer a payment without tradeNO or orderStr with resultCode 4000 (order failed).
  if (!args.tradeNO && !args.orderStr) return { resultCode: '4000' };
  const code = String(await ctx.host.payment.tradePay({ tradeNO: args.tradeNO, orderStr: args.orderStr }, ctx.hostContext()));
  if (!TRADE_PAY_RESULT_CODES.includes(code)) throw new ApiFailure(ErrorCode.UNKNOWN, `tradePay: the payment adapter answered an undocumented resultCode ${JSON.stringify(code)}`);
  return { resultCode: code };
}

async function requestSubscribeMessage(args: { entityIds: string[] }, ctx: ApiCallContext) {
  if (args.entityIds.length > 3) {
    throw new ApiFailure(203, `requestSubscribeMessage: at most 3 template ids per call, got ${args.entityIds.length}`, { errorCode: 203, behavior: '' });
  }
  const answer = await ctx.host.ui.requestSubscribeMessage({ entityIds: args.entityIds }, ctx.hostContext());
  if (answer?.behavior !== 'subscribe') {
    throw new ApiFailure(11, 'requestSubscribeMessage: the user cancelled the subscription', {
      errorCode: 11,
      behavior: 'cancel',
      show: true,
      result: { entityList: args.entityIds },
    });
  }
  const accepted = args.entityIds.filter((id) => answer.accepted.includes(id));
  const rejected = args.entityIds.filter((id) => !accepted.includes(id));
  const perTemplate: Record<string, string> = {};
  for (const id of args.entityIds) perTemplate[id] = accepted.includes(id) ? 'accept' : 'reject';
  return {
    ...perTemplate,
    behavior: 'subscribe',
    show: true,
    keep: answer.keep === true,
    refuse: answer.refuse === true,
    result: { subscribeEntityIds: accepted, subscribedEntityIds: accepted, unsubscribedEntityIds: rejected, currentSubscribedEntityIds: accepted },
  };
}

/** Open-API answers (docs: my.getOpenUserInfo, my.getPhoneNumber, my.getRunData): what the app's server sees after decrypting. */
const OPEN_RESULT = {
  /** No product bound ("ISV权限不足"): the host has no such member service. */
  noProduct: { code: '40006', msg: 'Insufficient Permissions', subCode: 'isv.insufficient-isv-permissions', subMsg: 'ISV权限不足' },
  /** The user did not authorise the scope ("无效的授权关系"). */
  notAuthorised: { code: '40003', msg: 'Insufficient Conditions', subCode: 'isv.invalid-auth-relations', subMsg: '无效的授权关系' },
};

type OpenOutcome = { ok: true } | { ok: false; result: (typeof OPEN_RESULT)[keyof typeof OPEN_RESULT] };

/** Whether the host has the member service and the user granted `scope`; else the documented answer. */
async function openAccess(available: boolean, scope: string, api: string, ctx: ApiCallContext): Promise<OpenOutcome> {
  if (!available) return { ok: false, result: OPEN_RESULT.noProduct };
  const outcome = await ctx.permissions.authorize(scope, api, ctx.hostContext());
  return outcome === 'granted' ? { ok: true } : { ok: false, result: OPEN_RESULT.notAuthorised };
}

async function getOpenUserInfo(ctx: ApiCallContext) {
  const auth = ctx.host.auth;
  const access = await openAccess(typeof auth.getOpenUserInfo === 'function', 'userInfo', 'getOpenUserInfo', ctx);
  // The member data travels as JSON text: JSON.parse(res.response).response (docs).
  if (!access.ok) return { response: JSON.stringify({ response: access.result }) };
  const info = (await auth.getOpenUserInfo!(ctx.hostContext())) ?? {};
  return { response: JSON.stringify({ response: { code: '10000', msg: 'Success', ...info } }) };
}

async function getPhoneNumber(ctx: ApiCallContext) {
  const auth = ctx.host.auth;
  const access = await openAccess(typeof auth.getPhoneNumber === 'function', 'phoneNumber', 'getPhoneNumber', ctx);
  // Without encryption configured the response is the plain JSON the server would otherwise decrypt.
  if (!access.ok) return { response: JSON.stringify(access.result) };
  const answer = await auth.getPhoneNumber!(ctx.hostContext());
  if (typeof answer?.response !== 'string') throw new ApiFailure(ErrorCode.UNKNOWN, 'getPhoneNumber: the auth adapter returned no response');
  return answer.sign === undefined ? { response: answer.response } : { response: answer.response, sign: answer.sign };
}

async function getRunData(args: { countDate: string }, ctx: ApiCallContext) {
  const auth = ctx.host.auth;
  const access = await openAccess(typeof auth.getRunData === 'function', 'alipaysports', 'getRunData', ctx);
  // A failure is an object response (docs: "如果为 Object 类型且返回异常报错信息，则为加密异常").
  if (!access.ok) return { response: access.result };
  const answer = await auth.getRunData!({ countDate: args.countDate }, ctx.hostContext());
  if (typeof answer?.response !== 'string') throw new ApiFailure(ErrorCode.UNKNOWN, 'getRunData: the auth adapter returned no response');
  return answer.sign === undefined ? { response: answer.response } : { response: answer.response, sign: answer.sign };
}

async function getAddress(ctx: ApiCallContext) {
  const auth = ctx.host.auth;
  if (typeof auth.getAddress !== 'function') throw new ApiFailure(ErrorCode.NO_PERMISSION, 'getAddress: 无权限调用该接口 (this host has no member address service)');
  const outcome = await ctx.permissions.authorize('aliaddress', 'getAddress', ctx.hostContext());
  if (outcome !== 'granted') throw new ApiFailure(ErrorCode.NO_PERMISSION, 'getAddress: 无权限调用该接口 (the user did not authorise "aliaddress")');
  const address = await auth.getAddress(ctx.hostContext());
  // 9000: an address was chosen; 6001: the user went back without choosing (result is '').
  return address ? { resultStatus: 9000, result: address } : { resultStatus: 6001, result: '' };
}

export function openApis(): ApiDefinition[] {
  const authSetting = s.record(s.boolean(), { description: 'scope → allowed (location, album, camera, userInfo…).' });
  return [
    defineApi({
      name: 'getAuthCode',
      kind: 'async',
      params: s.object({ scopes: s.union(s.string(), s.array(s.string())) }),
      result: s.object(
        { authCode: s.string(), authSuccessScopes: s.array(s.string()), authErrorScopes: s.record(s.string()) },
        { required: ['authCode', 'authSuccessScopes', 'authErrorScopes'] },
      ),
      errors: { 3: 'no authorisation result (unknown scope)', 11: 'the user cancelled', 12: 'network error' },
      handler: (args: { scopes?: string | string[] }, ctx) => getAuthCode(args, ctx),
      description: 'An authorisation code for auth_base (user id) or auth_user (member information).',
    }),
    defineApi({
      name: 'getOpenUserInfo',
      kind: 'async',
      scope: 'userInfo',
      authorizesItself: true,
      result: s.object({ response: s.string({ description: 'JSON text: JSON.parse(res.response).response is { code, msg, subCode?, subMsg?, avatar, nickName } (code 10000 = success).' }) }, { required: ['response'] }),
      handler: (_args, ctx) => getOpenUserInfo(ctx),
      description: 'The member\'s avatar and nick name through the host\'s auth adapter; 40006 (no member service) / 40003 (not authorised) inside response otherwise.',
    }),
    defineApi({
      name: 'getPhoneNumber',
      kind: 'async',
      scope: 'phoneNumber',
      authorizesItself: true,
      result: s.object({ response: s.string(), sign: s.string() }, { required: ['response'] }),
      handler: (_args, ctx) => getPhoneNumber(ctx),
      description: 'The encrypted phone-number response for the app\'s server (plain JSON with code 40006/40003 when unavailable).',
    }),
    defineApi({
      name: 'getAddress',
      kind: 'async',
      scope: 'aliaddress',
      authorizesItself: true,
      result: s.object({ resultStatus: s.number({ enum: [9000, 6001] }), result: s.union(s.object(), s.string()) }, { required: ['resultStatus', 'result'] }),
      errors: { 4: '无权限调用该接口 (not authorised, or no member address service)' },
      handler: (_args, ctx) => getAddress(ctx),
      description: 'The delivery address the user picks (resultStatus 9000) or none (6001).',
    }),
    defineApi({
      name: 'getRunData',
      kind: 'async',
      scope: 'alipaysports',
      authorizesItself: true,
      params: s.object({ countDate: s.string({ minLength: 1, description: 'yyyy-mm-dd, within the last 30 days.' }) }, { required: ['countDate'] }),
      result: s.object({ response: s.union(s.string(), s.object()), sign: s.string() }, { required: ['response'] }),
      handler: (args: { countDate: string }, ctx) => getRunData(args, ctx),
      description: 'The encrypted step count of one day for the app\'s server (an object response with code 40006/40003 when unavailable).',
    }),
    defineApi({
      name: 'getSetting',
      kind: 'async',
      result: s.object({ authSetting }, { required: ['authSetting'] }),
      handler: (_args, ctx) => ({ authSetting: ctx.permissions.authSetting() }),
      description: 'The permission switches of this mini-program.',
    }),
    defineApi({
      name: 'openSetting',
      kind: 'async',
      result: s.object({ authSetting }, { required: ['authSetting'] }),
      async handler(_args, ctx) {
        const changed = await ctx.host.ui.openSetting(ctx.permissions.authSetting(), ctx.hostContext());
        if (changed && typeof changed === 'object') ctx.permissions.applySetting(changed);
        return { authSetting: ctx.permissions.authSetting() };
      },
      description: 'Opens the settings page; returns the switches as the user left them.',
    }),
    defineApi({
      name: 'tradePay',
      kind: 'async',
      params: s.object({ tradeNO: s.string({ description: 'trade_no from alipay.trade.create (case-sensitive).' }), orderStr: s.string({ description: 'Pre-authorisation order string.' }) }),
      result: s.object({ resultCode: s.enum(TRADE_PAY_RESULT_CODES) }, { required: ['resultCode'] }),
      handler: (args: { tradeNO?: string; orderStr?: string }, ctx) => tradePay(args, ctx),
      description: 'Starts a payment; resultCode 9000 is not proof of payment (confirm server-side).',
    }),
    defineApi({
      name: 'requestSubscribeMessage',
      kind: 'async',
      params: s.object(
        { entityIds: s.array(s.string({ minLength: 1 }), { minItems: 1 }), thirdTypeAppId: s.string() },
        { required: ['entityIds'] },
      ),
      result: s.object({ behavior: s.string(), show: s.boolean(), keep: s.boolean(), refuse: s.boolean(), result: s.any() }, { required: ['behavior'] }),
      errors: { 11: 'the user cancelled', 203: 'invalid parameter (more than 3 templates)' },
      handler: (args: { entityIds: string[] }, ctx) => requestSubscribeMessage(args, ctx),
    }),
  ];
}
