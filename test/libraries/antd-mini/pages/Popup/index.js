import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      visible: true,
    },
    onClickBack() {
      my.showToast({ content: 'clicked icon', duration: 1000 });
    },
    handlePopupClose() {
      this.setData({
        visible: false,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handlePopupClose","onClickBack"]));
