/**
 * Open capabilities (docs: 开放能力API) a host provides: payment, the wallet's card and coupon pages and user authorisation. The
 * defaults are headless stand-ins that record what was asked; no real money or identity moves.
 */

import type { HostContext, MaybePromise } from './context.ts';
import { RingLog } from './ring-log.ts';

/** Requests the headless adapters keep (the latest; `.dropped` counts the rest). */
const MAX_RECORDED = 1000;

export interface TradePayRequest {
  tradeNO?: string;
  orderStr?: string;
}

export interface PaymentAdapter {
  /** The cashier: returns the platform's resultCode ('9000' done, '8000' processing, '4000' failed, '6001' cancelled, '6002' network, '6004' unknown, '4' no permission). */
  tradePay(request: TradePayRequest, context: HostContext): MaybePromise<string>;
  /**
   * The recurring-payment signing page (my.paySignCenter): returns the platform's resultStatus ('7000' signed,
   * '7001' unknown, '7002' failed, '6001' cancelled, '6002' network) and the signing result. A host without it
   * answers my.paySignCenter as not supported.
   */
  signCenter?(request: { signStr: string }, context: HostContext): MaybePromise<{ resultStatus: string; result?: unknown }>;
}

export interface HeadlessPayment extends PaymentAdapter {
  readonly calls: TradePayRequest[];
  resultCode: string | ((request: TradePayRequest) => string);
  /** Signing requests (my.paySignCenter), answered with `signStatus`. */
  readonly signCalls: Array<{ signStr: string }>;
  signStatus: string;
}

export function createHeadlessPayment(resultCode: HeadlessPayment['resultCode'] = '9000'): HeadlessPayment {
  const payment: HeadlessPayment = {
    calls: new RingLog<TradePayRequest>(MAX_RECORDED),
    resultCode,
    signCalls: new RingLog<{ signStr: string }>(MAX_RECORDED),
    signStatus: '7000',
    tradePay(request) {
      payment.calls.push(request);
      return typeof payment.resultCode === 'function' ? payment.resultCode(request) : payment.resultCode;
    },
    signCenter(request) {
      payment.signCalls.push(request);
      return { resultStatus: payment.signStatus };
    },
  };
  return payment;
}

/**
 * The pages of the user's Alipay wallet (卡包: vouchers, tickets) and of merchant member cards
 * (商户会员卡) that my.openCardList, my.openVoucherDetail, … open.
 */
export type WalletPage =
  | 'cardList' | 'merchantCardList' | 'cardDetail'
  | 'voucherList' | 'merchantVoucherList' | 'voucherDetail' | 'kbVoucherDetail'
  | 'ticketList' | 'merchantTicketList' | 'ticketDetail';

/** One wallet page to show: `partnerId` for a merchant's list, `passId` (or `partnerId` + `serialNumber`) for one card, voucher or ticket. */
export interface WalletRequest {
  page: WalletPage;
  passId?: string;
  partnerId?: string;
  serialNumber?: string;
}

export interface WalletAdapter {
  /** Show the page; resolve once it is shown (the API's success), reject with an ApiFailure to fail it. */
  open(request: WalletRequest, context: HostContext): MaybePromise<void>;
}

export interface HeadlessWallet extends WalletAdapter {
  /** Every page asked for, oldest first, with the asking app. */
  readonly opened: Array<WalletRequest & { appId: string }>;
}

/** Records the pages asked for and shows nothing (no wallet behind a headless host). */
export function createHeadlessWallet(): HeadlessWallet {
  const wallet: HeadlessWallet = {
    opened: new RingLog<WalletRequest & { appId: string }>(MAX_RECORDED),
    open(request, context) {
      wallet.opened.push({ ...request, appId: context.appId });
    },
  };
  return wallet;
}

/** The member's basic information (docs: my.getOpenUserInfo): avatar and nick name, plus anything else the host adds. */
export interface OpenUserInfo {
  avatar?: string;
  nickName?: string;
  [field: string]: unknown;
}

/** A signed/encrypted open-API response as the client hands it over (docs: my.getPhoneNumber, my.getRunData): the app's server decrypts it. */
export interface OpenResponse {
  /** The encrypted content (or plain JSON text when the app has no encryption set up). */
  response: string;
  sign?: string;
}

/** A member's delivery address (docs: my.getAddress, Object result). */
export interface MemberAddress {
  address?: string;
  country?: string;
  prov?: string;
  city?: string;
  area?: string;
  street?: string;
  fullname?: string;
  mobilePhone?: string;
  [field: string]: unknown;
}

/**
 * The user's identity and member data. Only `getAuthCode` is required; an adapter without one of
 * the other methods answers as the platform does for an app without that product bound (my.getOpenUserInfo
 * and my.getPhoneNumber: code 40006 "ISV权限不足"; my.getAddress: error 4; my.getRunData: 40006).
 * Each is asked only once the user granted the matching scope (userInfo, phoneNumber, aliaddress,
 * alipaysports); without the grant the documented "无效的授权关系" (40003) / error 4 answers instead.
 */
export interface AuthAdapter {
  /** An authorisation code for the granted scopes (the server exchanges it for a user id / token). */
  getAuthCode(request: { scopes: string[] }, context: HostContext): MaybePromise<string>;
  getOpenUserInfo?(context: HostContext): MaybePromise<OpenUserInfo>;
  getPhoneNumber?(context: HostContext): MaybePromise<OpenResponse>;
  /** The address the user picked, or undefined when they went back without choosing (resultStatus 6001). */
  getAddress?(context: HostContext): MaybePromise<MemberAddress | undefined>;
  getRunData?(request: { countDate: string }, context: HostContext): MaybePromise<OpenResponse>;
}

export interface HeadlessAuthOptions {
  /** Answer my.getOpenUserInfo with this member (default: no member information product, code 40006). */
  user?: OpenUserInfo;
  /** Answer my.getPhoneNumber with this phone number, as the plain-JSON response `{ code: '10000', msg: 'Success', mobile }`. */
  phoneNumber?: string;
  /** Answer my.getAddress with this address. */
  address?: MemberAddress;
  /** Answer my.getRunData with this step count, as the plain-JSON response `{ code: '10000', msg: 'Success', count, countDate }`. */
  steps?: number;
}

export interface HeadlessAuth extends AuthAdapter {
  /** Authorisation codes handed out, in order. */
  readonly issued: string[];
  /** Every member-data request answered, in order. */
  readonly calls: { api: string; args?: unknown }[];
}

/**
 * Issues random single-use looking codes; answers member data only for what `options` gives (a
 * host with a real identity service plugs in its own adapter).
 */
export function createHeadlessAuth(options: HeadlessAuthOptions = {}): HeadlessAuth {
  const issued = new RingLog<string>(MAX_RECORDED);
  const calls = new RingLog<{ api: string; args?: unknown }>(MAX_RECORDED);
  const auth: HeadlessAuth = {
    issued,
    calls,
    getAuthCode() {
      const bytes = crypto.getRandomValues(new Uint8Array(12));
      const code = `mpk_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      issued.push(code);
      return code;
    },
  };
  if (options.user) {
    const user = options.user;
    auth.getOpenUserInfo = () => {
      calls.push({ api: 'getOpenUserInfo' });
      return structuredClone(user);
    };
  }
  if (options.phoneNumber !== undefined) {
    const mobile = options.phoneNumber;
    auth.getPhoneNumber = () => {
      calls.push({ api: 'getPhoneNumber' });
      return { response: JSON.stringify({ code: '10000', msg: 'Success', mobile }) };
    };
  }
  if (options.address) {
    const address = options.address;
    auth.getAddress = () => {
      calls.push({ api: 'getAddress' });
      return structuredClone(address);
    };
  }
  if (options.steps !== undefined) {
    const count = options.steps;
    auth.getRunData = (request) => {
      calls.push({ api: 'getRunData', args: request });
      return { response: JSON.stringify({ code: '10000', msg: 'Success', count, countDate: request.countDate }) };
    };
  }
  return auth;
}
