import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    switch1Change(e) {
      console.log('switch1 发生 change 事件，携带值为', e.detail.value);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["switch1Change"]));
