Page({
  data: { total: 0, done: 0, percent: 0 },

  onLoad(query) {
    const total = Number(query.total) || 0;
    const done = Number(query.done) || 0;
    this.setData({ total, done, percent: total ? Math.round((done / total) * 100) : 0 });
  },

  back() {
    my.navigateBack();
  },
});
