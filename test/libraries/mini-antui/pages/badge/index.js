Page({
  data: {
    items: [
      { dot: true, text: '', isWrap: true, intro: 'Dot Badge' },
      { dot: false, text: 1, isWrap: true, intro: 'Text Badge' },
      { dot: false, text: 99, isWrap: false, intro: '数字' },
      { dot: false, text: 100, overflowCount: 99, isWrap: false, intro: '数字超过overflowCount' },
      { dot: false, text: 'new', isWrap: false, intro: '文字' },
    ],
  },
});
