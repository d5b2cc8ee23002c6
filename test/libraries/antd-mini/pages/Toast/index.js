import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      toastShow: true,
    },
    handleCloseToast(e) {
      this.setData({
        toastShow: false,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleCloseToast"]));
