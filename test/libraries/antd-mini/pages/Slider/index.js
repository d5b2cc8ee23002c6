import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    onChange(value, e) {
      console.log('slider changed:', value, e);
    },
    onAfterChange(value, e) {
      console.log('当前值:', value, e);
      my.showToast({ content: 'value: ' + value });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      value: 80,
    },
    handleChange(value, e) {
      console.log('slider changed:', value, e);
      this.setData({
        value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange","onAfterChange","onChange"]));
