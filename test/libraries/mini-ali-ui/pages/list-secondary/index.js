import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    onItemClick() {
      my.alert({
        content: '列表项点击事件',
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onItemClick"]));
