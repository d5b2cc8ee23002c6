import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    onChange(value, e) {
      console.log(value, e);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      checked: false,
    },
    handleChange(checked) {
      this.setData({
        checked,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      value: 'banana',
      options: [
        { value: 'apple', label: '苹果' },
        { value: 'orange', label: '橘子' },
        { value: 'banana', label: '香蕉' },
      ],
    },
    handleRadioGroupChange(value) {
      this.setData({
        value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange","handleRadioGroupChange","onChange"]));
