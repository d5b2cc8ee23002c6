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
