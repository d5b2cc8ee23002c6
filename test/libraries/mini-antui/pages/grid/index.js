const item = { icon: 'https://gw.alipayobjects.com/zos/rmsportal/VBqNBOiGYkCjqocXjdUj.png', text: '标题文字', desc: '描述信息' };
Page({
  data: {
    // The docs list nine copies of this item.
    list3: [item, item, item, item, item, item, item, item, item],
  },
  onItemClick(ev) {
    console.log('event onItemClick ' + JSON.stringify(ev.detail));
    my.alert({
      content: ev.detail.index,
    });
  },
});
