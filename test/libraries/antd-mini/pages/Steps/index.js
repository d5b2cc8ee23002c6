import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      items: [
        {
          title: 'Step1',
          description: 'description',
        },
        {
          title: 'Step2',
          description: 'description',
        },
        {
          title: 'Step3',
          description: 'description',
        },
      ],
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      current: 0,
      items: [
        {
          title: 'Step1',
          description: 'description',
        },
        {
          title: 'Step2',
          description: 'description',
        },
        {
          title: 'Step3',
          description: 'description',
        },
      ],
    },
    onNextTap() {
      if (this.data.current === this.data.items.length - 1) {
        my.showToast({ content: 'Finish' })
        return;
      }
      this.setData({
        current: this.data.current + 1,
      });
    },
    onPrevTap() {
      if (this.data.current === 0) {
        return;
      }
      this.setData({
        current: this.data.current - 1,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onNextTap","onPrevTap"]));
