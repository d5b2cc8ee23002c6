import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      showTop: false,
    },
    onTopBtnTap() {
      this.setData({
        showTop: true,
      });
    },
    onPopupClose() {
      this.setData({
        showTop: false,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onPopupClose","onTopBtnTap"]));
