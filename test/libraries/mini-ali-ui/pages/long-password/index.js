import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      longPassword: '',
    },
    onInput(e) {
      this.setData({
        longPassword: e.detail.value,
      });
    },
    onClear() {
      this.setData({
        longPassword: '',
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onClear","onInput"]));
