Page({
  data: {
    items: [
      { label: '复制', icon: 'CopyOutlined' },
      { label: '重新生成', icon: 'RedoOutline' },
      { label: '分享', icon: 'UploadOutline' },
    ],
  },
  handleItemTap(item) {
    console.log(`event handleItemTap ${JSON.stringify(item)}`);
  },
});
