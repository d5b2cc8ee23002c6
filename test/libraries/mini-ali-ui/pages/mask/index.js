import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      type: 'market',
      maskZindex: 10,
    },
    maskClick() {
      if (this.data.type === 'market') {
        this.setData({
          type: 'product',
        });
      } else {
        this.setData({
          type: 'market',
          show: false,
        });
      }
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["maskClick"]));
