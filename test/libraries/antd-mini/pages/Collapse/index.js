import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      items: [
        {
          title: 'item1 title',
          content: 'item1 content',
        },
        {
          title: 'item2 title',
          content: 'item2 content',
        },
        {
          title: 'item3 title',
          content: 'item3 content',
        },
      ],
    },
    onChange(current) {
      console.log(current);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      items: [
        {
          title: 'item1 title',
          content: 'item1 content',
        },
        {
          title: 'item2 title',
          content: 'item2 content',
        },
        {
          title: 'item3 title',
          content: 'item3 content',
        },
      ],
    },
    addItems() {
      const items = [
        ...this.data.items,
        {
          title: this.data.items.length,
          content: 'dynamic item content',
        },
      ];
      this.setData({
        items,
        current: [this.data.items.length],
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["addItems","onChange"]));
