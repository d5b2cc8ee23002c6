// 支付宝云开发: the Cloud global. In mpk dev, mpk run and the test harness the local emulator answers it.
Page({
  data: { name: '', entries: '', summaryStatus: '' },
  onLoad() {
    Cloud.init({ env: 'showcase' });
  },
  onName(event) {
    this.setData({ name: event.detail.value });
  },
  async sign() {
    const db = Cloud.database();
    const _ = db.command;
    try {
      await db.collection('guestbook').add({ data: { name: this.data.name || 'Anonymous', at: db.serverDate() } });
      const res = await db.collection('guestbook').where({ name: _.neq('') }).orderBy('at', 'desc').limit(5).get();
      this.setData({ entries: res.data.map((entry) => entry.name).join(', ') });
    } catch (e) {
      this.setData({ entries: 'failed: ' + e.message });
    }
  },
  async summary() {
    try {
      const res = await Cloud.callFunction({ name: 'guestbook', data: { greeting: 'Hello' } });
      this.setData({ summaryStatus: res.result.text });
    } catch (e) {
      this.setData({ summaryStatus: 'failed: ' + e.message });
    }
  },
});
