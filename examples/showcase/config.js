// Where my.request sends the demo requests. Point it at your own server; the tests point it at a
// loopback server they start.
export const API_BASE = 'https://api.showcase.example';

// The trade number the tradePay demo pays (from alipay.trade.create on a real server).
export const DEMO_TRADE_NO = '2024052122001400000000000001';
