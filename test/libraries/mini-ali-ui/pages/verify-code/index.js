import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      verifyCode: '',
    },
    onSend() {
      my.alert({
        title: 'verify code sent',
      });
    },
    onInput(e) {
      this.setData({
        verifyCode: e.detail.value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onClear","onInput","onSend"]));
