import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      visible: true,
      items: [
        { left: 20, top: 80, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/IV3MGP1qL/bianzu%25252013.png', imageMode: 'widthFix' },
        { left: 20, top: 160, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/%26B6d3lBJn/bianzu%25252020.png' },
        { left: 20, top: 220, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/lwVOkCcwb/bianzu%25252021.png' },
      ],
    },
    onChange(index) {
      console.log('index', index);
    },
    closeTour() {
      this.setData({
        visible: false,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      controlledVisible: false,
      current: 0,
      items: [
        { left: 20, top: 80, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/IV3MGP1qL/bianzu%25252013.png', imageMode: 'widthFix' },
        { left: 20, top: 160, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/%26B6d3lBJn/bianzu%25252020.png' },
        { left: 20, top: 220, imageUrl: 'https://gw.alipayobjects.com/zos/antfincdn/lwVOkCcwb/bianzu%25252021.png' },
      ],
    },
    onChangeControlled(value) {
      this.setData({ current: value });
    },
    closeControlledTour() {
      this.setData({
        controlledVisible: false
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["closeControlledTour","closeTour","onChange","onChangeControlled"]));
