import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      value: '内容',
      controlled: true,
    },
    onInput(e) {
      this.setData({
        value: e.detail.value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onInput"]));
