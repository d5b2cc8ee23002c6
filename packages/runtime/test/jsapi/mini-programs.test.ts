/**
 * Jumps between mini-programs (docs: 开放能力API/小程序相互跳转 — errors 2, 30, 31; exitMiniProgram only
 * from a tap), the wallet pages (支付宝卡包, 商户会员卡: passId, or partnerId + serialNumber) and
 * recurring-payment signing (周期扣款/my.paySignCenter: resultStatus 7000/7001/7002/6001/6002), each
 * through its host adapter. The whole stack of containers is tested in test/jsapi/mini-programs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { builtinApis, createHeadlessMiniPrograms, createHeadlessWallet } from '../../src/index.ts';
import { ApiFailure } from '../../src/jsapi/index.ts';
import { fakeServices, harness, ok } from './helpers.ts';

describe('my.navigateToMiniProgram', () => {
  it('hands the host the jump: appId, path, a query of strings and a copy of extraData', async () => {
    const miniPrograms = createHeadlessMiniPrograms();
    const h = harness({ miniPrograms }, { appId: '2021000000000001' });
    const extraData = { x: { y: 'z' }, n: 1 };
    ok(await h.call('navigateToMiniProgram', { appId: '2021000000000002', path: 'pages/index/index?p=1', query: { a: 'foo', b: 2 }, extraData }));
    expect(miniPrograms.jumps).toEqual([
      { from: '2021000000000001', appId: '2021000000000002', path: 'pages/index/index?p=1', query: { a: 'foo', b: '2' }, extraData },
    ]);
    expect(miniPrograms.jumps[0]!.extraData).not.toBe(extraData);
  });

  it('fails with 2 without an appId or with 64 KB of extraData, and with 31 for itself or when the host refuses', async () => {
    const refusing = { ...createHeadlessMiniPrograms(), navigateTo: () => Promise.reject(new ApiFailure(30, '目标应用不允许被跳转')) };
    const h = harness({}, { appId: 'a' });
    expect(await h.call('navigateToMiniProgram', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await h.call('navigateToMiniProgram', { appId: 'b', extraData: { blob: 'x'.repeat(70_000) } })).toMatchObject({ ok: false, error: { error: 2, errorMessage: expect.stringContaining('extraData') } });
    expect(await h.call('navigateToMiniProgram', { appId: 'a' })).toMatchObject({ ok: false, error: { error: 31 } });
    expect(await harness({ miniPrograms: refusing }).call('navigateToMiniProgram', { appId: 'b' })).toMatchObject({ ok: false, error: { error: 30 } });
  });
});

describe('my.navigateBackMiniProgram and my.exitMiniProgram', () => {
  it('go back to the opener with extraData; fail with 31 when no mini-program opened this one', async () => {
    const miniPrograms = createHeadlessMiniPrograms();
    const services = fakeServices();
    const h = harness({ miniPrograms }, { appId: 'b', services });
    expect(await h.call('navigateBackMiniProgram', { extraData: { ok: 1 } })).toMatchObject({ ok: false, error: { error: 31 } });
    expect(miniPrograms.backs).toEqual([]);
    services.opener = 'a';
    ok(await h.call('navigateBackMiniProgram', { extraData: { ok: 1 } }));
    expect(miniPrograms.backs).toEqual([{ from: 'b', referrer: 'a', extraData: { ok: 1 } }]);
  });

  it('exitMiniProgram closes the app only right after a tap (error 4 otherwise)', async () => {
    const miniPrograms = createHeadlessMiniPrograms();
    const services = fakeServices();
    const h = harness({ miniPrograms }, { appId: 'b', services });
    expect(await h.call('exitMiniProgram')).toMatchObject({ ok: false, error: { error: 4, errorMessage: expect.stringContaining('tap') } });
    expect(miniPrograms.exits).toEqual([]);
    services.activated = true;
    ok(await h.call('exitMiniProgram'));
    expect(miniPrograms.exits).toEqual([{ from: 'b' }]);
  });
});

describe('wallet pages (my.openCardList, my.openVoucherDetail, …)', () => {
  it('open the page through the host with the identifiers it needs', async () => {
    const wallet = createHeadlessWallet();
    const h = harness({ wallet }, { appId: 'shop' });
    ok(await h.call('openCardList'));
    ok(await h.call('openMerchantVoucherList', { partnerId: '2088000000000001' }));
    ok(await h.call('openVoucherDetail', { passId: 'p1' }));
    ok(await h.call('openTicketDetail', { partnerId: '2088000000000001', serialNumber: 's9' }));
    expect(wallet.opened).toEqual([
      { appId: 'shop', page: 'cardList' },
      { appId: 'shop', page: 'merchantVoucherList', partnerId: '2088000000000001' },
      { appId: 'shop', page: 'voucherDetail', passId: 'p1' },
      { appId: 'shop', page: 'ticketDetail', partnerId: '2088000000000001', serialNumber: 's9' },
    ]);
  });

  it('fail with 2 when a detail page has neither passId nor partnerId and serialNumber, or a merchant list has no partnerId', async () => {
    const wallet = createHeadlessWallet();
    const h = harness({ wallet });
    expect(await h.call('openVoucherDetail', { partnerId: '2088000000000001' })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await h.call('openKBVoucherDetail', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await h.call('openMerchantCardList', {})).toMatchObject({ ok: false, error: { error: 2 } });
    expect(await h.call('openCardDetail', { passId: 7 })).toMatchObject({ ok: false, error: { error: 2 } });
    expect(wallet.opened).toEqual([]);
  });

  it('are implemented, no longer declared "not supported" (my.canIUse is true: test/jsapi/mini-programs.test.ts)', () => {
    const names = ['openCardList', 'openMerchantCardList', 'openCardDetail', 'openVoucherList', 'openMerchantVoucherList', 'openVoucherDetail',
      'openKBVoucherDetail', 'openTicketList', 'openMerchantTicketList', 'openTicketDetail', 'navigateToMiniProgram', 'navigateBackMiniProgram',
      'exitMiniProgram', 'paySignCenter'];
    for (const name of names) {
      const matches = builtinApis().filter((api) => api.name === name);
      expect(matches, name).toHaveLength(1);
      expect(matches[0]!.unsupported, name).toBeUndefined();
    }
  });
});

describe('my.paySignCenter', () => {
  it('answers the payment adapter\'s resultStatus; a host without signing answers not supported (1)', async () => {
    expect(ok(await harness().call('paySignCenter', { signStr: 'alipay_sdk=…' }))).toEqual({ resultStatus: '7000' });
    const tradeOnly = { tradePay: () => '9000' };
    expect(await harness({ payment: tradeOnly }).call('paySignCenter', { signStr: 's' })).toMatchObject({ ok: false, error: { error: 1 } });
    const odd = { tradePay: () => '9000', signCenter: () => ({ resultStatus: '42' }) };
    expect(await harness({ payment: odd }).call('paySignCenter', { signStr: 's' })).toMatchObject({ ok: false, error: { error: 3 } });
    expect(await harness().call('paySignCenter', {})).toMatchObject({ ok: false, error: { error: 2 } });
  });
});
