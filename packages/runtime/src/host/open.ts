/**
 * Open capabilities (docs: 开放能力API) a host provides: payment and user authorisation. The
 * defaults are headless stand-ins that record what was asked; no real money or identity moves.
 */

import type { HostContext, MaybePromise } from './context.ts';

export interface TradePayRequest {
  tradeNO?: string;
  orderStr?: string;
}

export interface PaymentAdapter {
  /** The cashier: returns the platform's resultCode ('9000' done, '8000' processing, '4000' failed, '6001' cancelled, '6002' network, '6004' unknown, '4' no permission). */
  tradePay(request: TradePayRequest, context: HostContext): MaybePromise<string>;
}

export interface HeadlessPayment extends PaymentAdapter {
  readonly calls: TradePayRequest[];
  resultCode: string | ((request: TradePayRequest) => string);
}

export function createHeadlessPayment(resultCode: HeadlessPayment['resultCode'] = '9000'): HeadlessPayment {
  const payment: HeadlessPayment = {
    calls: [],
    resultCode,
    tradePay(request) {
      payment.calls.push(request);
      return typeof payment.resultCode === 'function' ? payment.resultCode(request) : payment.resultCode;
    },
  };
  return payment;
}

export interface AuthAdapter {
  /** An authorisation code for the granted scopes (the server exchanges it for a user id / token). */
  getAuthCode(request: { scopes: string[] }, context: HostContext): MaybePromise<string>;
}

/** Issues random single-use looking codes; a host with a real identity service plugs in its own. */
export function createHeadlessAuth(): AuthAdapter & { readonly issued: string[] } {
  const issued: string[] = [];
  return {
    issued,
    getAuthCode() {
      const bytes = crypto.getRandomValues(new Uint8Array(12));
      const code = `mpk_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
      issued.push(code);
      return code;
    },
  };
}
