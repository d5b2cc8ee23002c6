import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      footer: [
        {
          text: '修复',
        },
        {
          text: '刷新',
        },
      ],
    },
    onTapLeft(e) {
      console.log(e, 'onTapLeft');
    },
    onTapRight(e) {
      console.log(e, 'onTapRight');
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      footer: [
        {
          text: '刷新',
        },
      ],
    },
    onTapLeft(e) {
      console.log(e, 'onTapLeft');
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onTapLeft","onTapRight"]));
