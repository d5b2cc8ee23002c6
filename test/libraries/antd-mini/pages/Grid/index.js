import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      items: [
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
        },
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
        },
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
        },
      ],
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      items3withDesc: [
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
          description: 'description',
        },
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
          description: 'description',
        },
        {
          title: 'title text',
          icon: 'https://gw.alipayobjects.com/mdn/rms_3a7189/afts/img/A*L8FjQ7lSdq4AAAAAAAAAAAAAARQnAQ',
          description: 'description',
        },
      ],
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, []));
