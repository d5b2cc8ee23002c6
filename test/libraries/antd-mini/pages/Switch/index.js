import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    onChange(checked, e) {
      console.log(checked);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      checked: true,
    },
    handleChange(checked, e) {
      this.setData({
        checked,
      });
    },
    handleChangeByButton() {
      console.log(this.data.checked);
      this.setData({
        checked: !this.data.checked,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange","handleChangeByButton","onChange"]));
