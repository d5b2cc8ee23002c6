import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      links: [
        { key: 'alicloud', text: '阿里云' },
        { key: 'alipay', text: '支付宝' }
      ],
    },
    handleLinkTap(item) {
      if (item.disabled) return;
      my.showToast({ content: item.key });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      chips: [
        { key: 'jiebei', text: '蚂蚁借呗' },
        { key: 'beiyongjin', text: '备用金' },
        { key: 'huabei', text: '花呗收钱', disabled: true }
      ],
    },
    handleChipTap(item) {
      if (item.disabled) return;
      my.showToast({ content: item.key });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChipTap","handleLinkTap"]));
