import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      list55: [
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '6标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
        {
          icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png',
          text: '标题文字',
        },
      ],
    },
    onItemClick(ev) {
      my.alert({
        content: ev.detail.index,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onItemClick"]));
