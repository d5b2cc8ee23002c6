import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      value: 8,
    },
    callBackFn(value) {
      console.log(value);
    },
    modifyValue() {
      this.setData({
        value: 9,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["callBackFn","modifyValue"]));
