import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      dataSource: [
        {
          title: 'title',
          desc: 'subTitle',
          money: '50',
          threshold: '500 to use',
          actionAreaInfo: {
            disabled: false,
            text: 'to exchange',
          },
        },
      ],
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onTap"]));
