import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      visible: true,
      actions: [
        {
          text: 'copy',
          key: 'copy',
        },
        {
          text: 'modify',
          key: 'modify',
        },
      ],
    },
    handleOpen() {
      this.setData({
        visible: true,
      });
    },
    handleClose(e) {
      this.setData({
        visible: false,
      });
    },
    handleAction(item, index, e) {
      if (item.key === 'delete') {
        my.confirm({
          content: 'are you sure?',
        });
        return;
      }
      my.alert({ content: `you clicked ${item.key}` });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      stateActions: [
        {
          text: 'copy',
          key: 'copy',
          description: 'select copy content',
        },
        {
          text: 'modify',
          key: 'modify',
          disabled: true,
        },
        {
          text: 'delete',
          key: 'delete',
          danger: true,
        },
        {
          text: 'backup',
          key: 'backup',
          description: 'select backup content',
          icon: 'https://gw.alipayobjects.com/mdn/rms_e7937b/afts/img/A*I0oNS4RCQzUAAAAAAAAAAAAAARQnAQ',
        },
        {
          text: 'save',
          key: 'save',
          icon: 'https://gw.alipayobjects.com/mdn/rms_e7937b/afts/img/A*BNczQ7hmp2gAAAAAAAAAAAAAARQnAQ',
        },
        {
          text: 'sync',
          key: 'sync',
          icon: 'https://gw.alipayobjects.com/mdn/rms_e7937b/afts/img/A*eRaVSrV56dIAAAAAAAAAAAAAARQnAQ',
        },
      ],
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleAction","handleClose","handleOpen"]));
