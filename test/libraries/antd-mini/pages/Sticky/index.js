import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      stickyStatus: false,
    },
    handleStickyChange(status) {
      this.setData({ stickyStatus: status });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleStickyChange"]));
