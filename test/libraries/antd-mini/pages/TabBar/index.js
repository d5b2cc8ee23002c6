import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      tabs: [
        {
          icon: 'AlipayCircleFill',
          activeIcon: 'AlipayCircleFill',
          text: 'homr',
        },
        {
          icon: 'StarOutline',
          activeIcon: 'StarFill',
          text: 'favor',
        },
        {
          icon: 'HeartOutline',
          activeIcon: 'HeartFill',
          text: 'like',
        },
      ],
      current: 0,
    },
    handleChange(index) {
      console.log(index);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange"]));
