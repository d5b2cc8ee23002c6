Page({
  data: {
    visits: 0,
    system: {},
  },

  onLoad() {
    this.setData({ system: my.getSystemInfoSync() });
  },

  onShow() {
    const { data } = my.getStorageSync({ key: 'visits' });
    const visits = (Number(data) || 0) + 1;
    my.setStorageSync({ key: 'visits', data: visits });
    this.setData({ visits });
  },

  resetVisits() {
    my.removeStorageSync({ key: 'visits' });
    this.setData({ visits: 0 });
  },
});
