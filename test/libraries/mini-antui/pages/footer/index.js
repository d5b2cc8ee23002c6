Page({
 data: {
    copyright: '© 2004-2017 Alipay.com. All rights reserved.',
    links: [
      { text: '底部链接', url: '../../list/demo/index' },
      { text: '底部链接', url: '../../card/demo/index' },
    ],
 },
});
