import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  const BUTTON_LIST = [
    {
      type: 'primary',
      text: 'refresh',
    },
    {
      type: 'default',
      text: 'checkout internet',
    },
  ];
  
  Page({
    data: {
      // 水平按钮布局
      horizontalButtonInfo: {
        layout: 'horizontal',
        list: BUTTON_LIST,
      },
      // 垂直按钮布局
      verticalButtonInfo: {
        layout: 'vertical',
        list: BUTTON_LIST,
      },
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onClickButton"]));
