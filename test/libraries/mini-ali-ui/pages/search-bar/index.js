import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      value: '',
      showVoice: false,
    },
    handleInput(value) {
      this.setData({
        value,
      });
    },
    handleClear() {
      this.setData({
        value: '',
      });
    },
    handleCancel() {
      this.setData({
        value: '',
      });
    },
    onChange(e) {
      this.setData({
        showVoice: e.detail.value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleCancel","handleClear","handleInput","handleSubmit","onChange"]));
