import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: { visible: false },
    handleVisibleChange() {
      this.setData({
        visible: !this.data.visible,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleVisibleChange","onTapAction","onVisibleChange"]));
