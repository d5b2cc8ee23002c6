import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      showRectangle: true,
      showDialog: true,
    },
    onCloseTap() {
      this.setData({
        showRectangle: false,
      });
    },
    onRectangleTap() {
      my.alert({
        content: 'do something',
      });
    },
    onDialogTap() {
      this.setData({
        showDialog: false,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      content: '我知道了(2秒后消失)',
      time: 2000,
    },
    onClose() {
      my.alert({
        title: '主动关闭 tips',
      });
    },
    onTimeOut() {
      my.alert({
        title: '时间到了，关闭 tips',
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onClose","onCloseTap","onDialogTap","onRectangleTap","onTimeOut"]));
