import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      items: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((u) => {
        return { label: u };
      }),
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      items: [],
    },
    onLoad() {
      this.setData({
        items: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((u) => {
          return { label: u };
        }),
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onChange"]));
