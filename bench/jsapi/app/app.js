// The JSAPI benchmark app (bench/jsapi): each handler makes `detail.n` JSAPI calls, then
// renders `detail.token` so the host sees when the whole loop is done.
App({});
