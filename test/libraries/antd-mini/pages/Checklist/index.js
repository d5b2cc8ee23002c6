import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      options: [
        {
          value: 1,
          title: '可勾选列表项1',
        },
        {
          value: 2,
          title: '可勾选列表项2',
        },
        {
          value: 3,
          title: '可勾选列表项3',
        },
      ],
    },
    onChange(v, items, e) {
      console.log('当前选中的值为：', v, items, e);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      value: [1, 2],
      options: [
        {
          value: 1,
          title: '可勾选列表项1',
        },
        {
          value: 2,
          title: '可勾选列表项2',
        },
        {
          value: 3,
          title: '可勾选列表项3',
        },
      ],
    },
    onChangeControlled(value) {
      this.setData({ value });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onChange","onChangeControlled"]));
