// The docs' two examples (list, list-item) with data for the fields they read.
Page({
  data: {
    items: [
      { title: '标题文字', brief: '描述信息' },
      { title: '标题文字2', brief: '描述信息2' },
    ],
    items2: [
      { title: '带缩略图', thumb: 'https://zos.alipayobjects.com/rmsportal/NTuILTPhmSpJdydEVwoO.png', arrow: 'horizontal', extra: '详细信息' },
      { title: '箭头向上', arrow: 'up', align: 'top', brief: '辅助文字', extra: '上' },
      { title: '箭头向下', arrow: 'down', align: 'bottom', extra: '下' },
    ],
  },
  onItemClick(ev) {
    console.log('event onItemClick ' + JSON.stringify(ev));
  },
});
