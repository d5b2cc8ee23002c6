import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      marqueeProps: {
        loop: true,
        leading: 1000,
        trailing: 800,
        fps: 40,
      },
    },
    linkActionClick() {
      my.showToast({
        content: '左侧操作区被点击了',
        duration: 1000,
      });
    },
    actionClick() {
      my.showToast({
        content: '你点击了右侧操作区',
        duration: 1000,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["actionClick","linkActionClick"]));
