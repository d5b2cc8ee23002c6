import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      value: 200,
    },
    onInputClear() {
      this.setData({
        value: '',
      });
    },
    onInputConfirm() {
      my.alert({
        content: 'confirmed',
      });
    },
    onInput(e) {
      const { value } = e.detail;
      this.setData({
        value,
      });
    },
    onButtonClick() {
      my.alert({
        content: 'button clicked',
      });
    },
    onInputFocus() {},
    onInputBlur() {},
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onInput","onInputClear","onInputConfirm"]));
