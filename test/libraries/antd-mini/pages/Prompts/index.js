import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      promptsTitle: '我可以帮您：',
      baseList: [
        {
          title: 'Ant Design X 全新升级了什么？',
        },
        {
          title: 'Ant Design X 组件资产内容',
        },
        {
          title: '快速实现安装和引入组件',
        },
      ],
    },
    onItemTap(item) {
      my.alert({
        content: `点击了 ${item.title || ''} ${item.content || ''}`,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      promptsTitle: '我可以帮您：',
      arrowList: [
        {
          showArrow: true,
          title: '热门话题:',
          image:
            'https://mdn.alipayobjects.com/huamei_upibrs/afts/img/A*wJ5aRpr2q1wAAAAAAAAAAAAADkx8AQ/original',
          content: 'Ant Design X 全新升级',
        },
        {
          showArrow: true,
          title: '组件查询:',
          image:
            'https://mdn.alipayobjects.com/huamei_upibrs/afts/img/A*R9L1RLo4x58AAAAAAAAAAAAADkx8AQ/original',
          content: '欢迎组件',
        },
        {
          showArrow: true,
          title: '新手帮助:',
          image:
            'https://mdn.alipayobjects.com/huamei_upibrs/afts/img/A*7eRqQ4JpdccAAAAAAAAAAAAADkx8AQ/original',
          content: '如何实现快速安装和引入',
        },
      ],
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onItemTap"]));
