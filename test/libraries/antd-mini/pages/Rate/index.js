import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    onChange(value) {
      console.log(value);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      value: 3,
    },
    handleChange(value) {
      console.log(value);
      this.setData({
        value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange","onChange"]));
