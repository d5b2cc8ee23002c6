import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      loading: true,
      status: 'failed',
      safeArea: 'both',
    },
    onLoad() {
      setTimeout(() => {
        this.setData({
          loading: false,
        });
      }, 1000);
    },
    handleRefresh() {
      my.reLaunch({
        url: 'index',
        fail(e) {
          console.log(e);
        },
      });
    },
    handleSwitchToDisconnected() {
      this.setData({
        status: 'disconnected',
        title: undefined,
        message: undefined,
        image: '',
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleRefresh","handleSwitchToDisconnected"]));
