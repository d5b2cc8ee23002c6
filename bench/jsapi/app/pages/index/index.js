Page({
  data: { done: 0, sum: 0 },

  onLoad() {
    my.setStorageSync({ key: 'profile', data: { name: 'bench', level: 3 } });
  },

  // The fixed cost of one measurement (event in, patch out), subtracted from the others.
  runEmpty(event) {
    this.setData({ done: event.detail.token, sum: 0 });
  },

  runSync(event) {
    const { n, token } = event.detail;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += my.benchSync({ i }).i;
    this.setData({ done: token, sum });
  },

  runStorage(event) {
    const { n, token } = event.detail;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += my.getStorageSync({ key: 'profile' }).data.level;
    this.setData({ done: token, sum });
  },

  // One call in flight at a time: every call is a full round trip through the host.
  async runAsync(event) {
    const { n, token } = event.detail;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (await my.benchAsync({ i })).i;
    this.setData({ done: token, sum });
  },

  // All calls in flight at once: they cross the bridge in batches.
  async runParallel(event) {
    const { n, token } = event.detail;
    const calls = [];
    for (let i = 0; i < n; i++) calls.push(my.benchAsync({ i }));
    const results = await Promise.all(calls);
    let sum = 0;
    for (const result of results) sum += result.i;
    this.setData({ done: token, sum });
  },
});
