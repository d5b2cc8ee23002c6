import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      visible: false,
      footer: {
        buttons: [{ text: '我知道了' }],
      },
    },
    onButtonTap(buttonItem) {
      console.log('点击的按钮: ', buttonItem);
      my.showToast({ content: `点击了${buttonItem.text}`, duration: 1000 });
      this.handleClose();
    },
    handleClose() {
      this.setData({
        visible: false,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      // 横向布局
      horizontalFooter: {
        buttons: [
          { text: '取消', type: 'default' },
          { text: '确定', type: 'primary' },
        ],
        layout: 'horizontal',
      },
      // 纵向布局
      verticalFooter: {
        buttons: [
          { text: '主按钮', type: 'primary' },
          { text: '更多', type: 'default' },
          { text: '取消', type: 'text' },
        ],
      },
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleClose","onButtonTap"]));
