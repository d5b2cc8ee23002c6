Page({
  data: {
    name: 'mini-program',
    count: 0,
    waves: 0,
  },

  onLoad() {
    const { data } = my.getStorageSync({ key: 'count' });
    this.setData({ count: Number(data) || 0 });
  },

  increment() {
    const count = this.data.count + 1;
    this.setData({ count });
    my.setStorageSync({ key: 'count', data: count });
  },

  onWave() {
    this.setData({ waves: this.data.waves + 1 });
  },
});
