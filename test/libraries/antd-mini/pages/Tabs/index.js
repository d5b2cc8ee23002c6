import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      current: 0,
      items: [
        {
          title: 'fruits',
          subTitle: 'desc',
          content: 'watermelon',
        },
        {
          title: 'vegetables',
          subTitle: 'desc',
          badge: true,
          content: 'tomato',
        },
        {
          title: 'animals',
          subTitle: 'desc',
          content: 'monkey',
        },
      ],
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      disabledItems: [
        {
          title: 'fruits',
          subTitle: 'desc',
          content: 'watermelon',
        },
        {
          title: 'vegetables',
          subTitle: 'desc',
          disabled: true,
          content: 'tomato',
        },
        {
          title: 'animals',
          subTitle: 'desc',
          content: 'monkey',
        },
      ],
    },
  });
})((options) => parts.push(options));

// 控制模式 (handleChange), Swiper, 吸顶, 纵向模式 (onChange): `current` follows the change, as in the docs' demo page.
parts.push({
  onChange(current) {
    this.setData({ current });
  },
  handleChange(current) {
    this.setData({ current });
  },
});

Page(demoPage(parts, ["handleChange","onChange","onPlus","onScroll","onSwipeChange"]));
