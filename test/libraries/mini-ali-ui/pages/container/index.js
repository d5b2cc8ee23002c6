import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {},
    onLoad() {},
    titleClick() {
      my.alert({
        title: 'onActionTap 回调',
        content: '标题后面操作区域点击',
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["titleClick"]));
