import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      countdownDay: +new Date() + 500000000,
    },
    handleCountdownChange(e) {
      console.log('倒计时变化', JSON.stringify(e));
    },
    handleCountdownEnd() {
      console.log('倒计时结束');
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleCountdownChange","handleCountdownEnd"]));
