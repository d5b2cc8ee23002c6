/**
 * Jumps between mini-programs (docs: 开放能力API/小程序相互跳转) and the wallet pages the card,
 * voucher and ticket APIs open (支付宝卡包, 商户会员卡), plus recurring-payment signing
 * (周期扣款/my.paySignCenter): each through its host adapter (adapters/mini-programs.ts,
 * adapters/open.ts).
 */

import type { WalletPage, WalletRequest } from '../../adapters/open.ts';
import { defineApi } from '../define.ts';
import { ApiFailure, ErrorCode, notSupported } from '../errors.ts';
import { s } from '../schema.ts';
import type { ApiCallContext, ApiDefinition } from '../types.ts';

/** Bytes of `extraData` one jump may carry: it is copied into another app's launch options. */
export const MAX_EXTRA_DATA_BYTES = 64 * 1024;

/** The documented resultStatus codes of my.paySignCenter. */
export const SIGN_RESULT_STATUSES = ['7000', '7001', '7002', '6001', '6002'];

function extraDataOf(api: string, extraData: unknown): unknown {
  if (extraData === undefined) return undefined;
  const json = JSON.stringify(extraData);
  if (json.length > MAX_EXTRA_DATA_BYTES) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, `${api}: extraData is ${json.length} bytes of JSON, more than ${MAX_EXTRA_DATA_BYTES}`);
  }
  return JSON.parse(json) as unknown;
}

function queryOf(query: Record<string, unknown> | undefined): Record<string, string> | undefined {
  if (query === undefined) return undefined;
  // The platform hands the target a query of strings (it travels in a URL).
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) out[key] = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return out;
}

async function navigateToMiniProgram(args: { appId: string; path?: string; query?: Record<string, unknown>; extraData?: unknown }, ctx: ApiCallContext) {
  const api = 'navigateToMiniProgram';
  if (args.appId === ctx.appId) throw new ApiFailure(31, `${api}: ${args.appId} is this mini-program`);
  const jump = { appId: args.appId, path: args.path, query: queryOf(args.query), extraData: extraDataOf(api, args.extraData) };
  if (jump.path === undefined) delete jump.path;
  if (jump.query === undefined) delete jump.query;
  if (jump.extraData === undefined) delete jump.extraData;
  await ctx.host.miniPrograms.navigateTo(jump, ctx.hostContext());
  return {};
}

async function navigateBackMiniProgram(args: { extraData?: unknown }, ctx: ApiCallContext) {
  const api = 'navigateBackMiniProgram';
  const referrer = ctx.services.referrer();
  // The docs' known issue: without an opener the platform neither jumps nor calls back. A call
  // nobody ever answers would keep the app busy for good, so mpk fails it with the jump error.
  if (referrer === undefined) throw new ApiFailure(31, `${api}: this mini-program was not opened by another one`);
  const extraData = extraDataOf(api, args.extraData);
  await ctx.host.miniPrograms.navigateBack(extraData === undefined ? { referrer } : { referrer, extraData }, ctx.hostContext());
  return {};
}

async function exitMiniProgram(ctx: ApiCallContext) {
  // The docs: it succeeds only from a user's tap (the example's onReady call fails).
  if (!ctx.services.userActivated()) throw new ApiFailure(ErrorCode.NO_PERMISSION, 'exitMiniProgram: needs a tap by the user (call it from a tap handler)');
  await ctx.host.miniPrograms.exit(ctx.hostContext());
  return {};
}

/** The wallet APIs: the page each opens and the identifiers it needs. */
const WALLET_APIS: ReadonlyArray<{ name: string; page: WalletPage; needs: 'nothing' | 'partner' | 'pass' | 'passOrSerial' }> = [
  { name: 'openCardList', page: 'cardList', needs: 'nothing' },
  { name: 'openMerchantCardList', page: 'merchantCardList', needs: 'partner' },
  { name: 'openCardDetail', page: 'cardDetail', needs: 'pass' },
  { name: 'openVoucherList', page: 'voucherList', needs: 'nothing' },
  { name: 'openMerchantVoucherList', page: 'merchantVoucherList', needs: 'partner' },
  { name: 'openVoucherDetail', page: 'voucherDetail', needs: 'passOrSerial' },
  { name: 'openKBVoucherDetail', page: 'kbVoucherDetail', needs: 'passOrSerial' },
  { name: 'openTicketList', page: 'ticketList', needs: 'nothing' },
  { name: 'openMerchantTicketList', page: 'merchantTicketList', needs: 'partner' },
  { name: 'openTicketDetail', page: 'ticketDetail', needs: 'passOrSerial' },
];

const id = (description: string) => s.string({ minLength: 1, maxLength: 256, description });

function walletParams(needs: (typeof WALLET_APIS)[number]['needs']) {
  const passId = id('The card, voucher or ticket instance id.');
  const partnerId = id('The merchant PID (16 digits starting with 2088).');
  const serialNumber = id('The serial number of the instance (with partnerId, instead of passId).');
  switch (needs) {
    case 'nothing':
      return undefined;
    case 'partner':
      return s.object({ partnerId }, { required: ['partnerId'] });
    case 'pass':
      return s.object({ passId }, { required: ['passId'] });
    case 'passOrSerial':
      return s.object({ passId, partnerId, serialNumber });
  }
}

async function openWallet(page: WalletPage, needs: (typeof WALLET_APIS)[number]['needs'], args: Omit<WalletRequest, 'page'>, ctx: ApiCallContext) {
  // The docs: passId, or else both partnerId and serialNumber.
  if (needs === 'passOrSerial' && args.passId === undefined && (args.partnerId === undefined || args.serialNumber === undefined)) {
    throw new ApiFailure(ErrorCode.INVALID_PARAM, `${ctx.api}: needs passId, or partnerId and serialNumber`);
  }
  const request: WalletRequest = { page };
  if (args.passId !== undefined) request.passId = args.passId;
  if (args.partnerId !== undefined) request.partnerId = args.partnerId;
  if (args.serialNumber !== undefined) request.serialNumber = args.serialNumber;
  await ctx.host.wallet.open(request, ctx.hostContext());
  return {};
}

async function paySignCenter(args: { signStr: string }, ctx: ApiCallContext) {
  const sign = ctx.host.payment.signCenter;
  if (typeof sign !== 'function') {
    const error = notSupported('paySignCenter', ErrorCode.NOT_SUPPORTED, 'paySignCenter: this host has no recurring-payment signing');
    throw new ApiFailure(error.error, error.errorMessage);
  }
  const outcome = await sign.call(ctx.host.payment, { signStr: args.signStr }, ctx.hostContext());
  const resultStatus = String(outcome?.resultStatus);
  if (!SIGN_RESULT_STATUSES.includes(resultStatus)) {
    throw new ApiFailure(ErrorCode.UNKNOWN, `paySignCenter: the payment adapter answered an undocumented resultStatus ${JSON.stringify(resultStatus)}`);
  }
  return outcome.result === undefined ? { resultStatus } : { resultStatus, result: outcome.result };
}

export function miniProgramApis(): ApiDefinition[] {
  return [
    defineApi({
      name: 'navigateToMiniProgram',
      kind: 'async',
      params: s.object(
        {
          appId: s.string({ minLength: 1, maxLength: 64, description: 'The target mini-program (16 digits on the platform).' }),
          path: s.string({ maxLength: 2048, description: 'Page path with its page query; default the entry page.' }),
          query: s.record(s.any(), { description: "The target's launch query (App.onLaunch options.query)." }),
          extraData: s.object({}, { description: 'options.referrerInfo.extraData of the target (JSON, at most 64 KB).' }),
        },
        { required: ['appId'] },
      ),
      errors: { 2: '参数无效', 30: '目标应用不允许被跳转', 31: '跳转失败 (no such mini-program, or the host refused)' },
      handler: (args: { appId: string; path?: string; query?: Record<string, unknown>; extraData?: unknown }, ctx) => navigateToMiniProgram(args, ctx),
      description: 'Opens another mini-program with a launch query and extraData (the host decides which exist).',
    }),
    defineApi({
      name: 'navigateBackMiniProgram',
      kind: 'async',
      params: s.object({ extraData: s.object({}, { description: 'options.referrerInfo.extraData of the app returned to (JSON, at most 64 KB).' }) }),
      errors: { 31: 'this mini-program was not opened by another one' },
      handler: (args: { extraData?: unknown }, ctx) => navigateBackMiniProgram(args, ctx),
      description: 'Returns to the mini-program that opened this one, whose App.onShow hears referrerInfo.extraData.',
    }),
    defineApi({
      name: 'exitMiniProgram',
      kind: 'async',
      errors: { 4: 'not called from a user tap' },
      handler: (_args, ctx) => exitMiniProgram(ctx),
      description: 'Closes this mini-program; only from a user tap.',
    }),
    ...WALLET_APIS.map(({ name, page, needs }) =>
      defineApi({
        name,
        kind: 'async',
        params: walletParams(needs),
        errors: needs === 'passOrSerial' ? { 2: 'needs passId, or partnerId and serialNumber' } : undefined,
        handler: (args: Omit<WalletRequest, 'page'> | undefined, ctx) => openWallet(page, needs, args ?? {}, ctx),
        description: `Opens the wallet's ${page} page (host adapter wallet.open).`,
      }),
    ),
    defineApi({
      name: 'paySignCenter',
      kind: 'async',
      params: s.object({ signStr: s.string({ minLength: 1, description: 'The signing string from the merchant server.' }) }, { required: ['signStr'] }),
      result: s.object({ resultStatus: s.enum(SIGN_RESULT_STATUSES), result: s.any() }, { required: ['resultStatus'] }),
      handler: (args: { signStr: string }, ctx) => paySignCenter(args, ctx),
      description: 'Opens the recurring-payment signing page; resultStatus 7000 signed, 7001 unknown, 7002 failed, 6001 cancelled, 6002 network.',
    }),
  ];
}
