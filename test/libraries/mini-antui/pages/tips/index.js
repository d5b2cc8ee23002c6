// The docs' two examples, tips-dialog and tips-plain, on one page.
Page({
  data: {
    showRectangle: true,
    showDialog: true,
    content: '我知道了',
    time: 2000,
  },
  onCloseTap() {
    this.setData({
      showRectangle: false,
    });
  },
  onRectangleTap() {
    my.alert({
      content: 'do something',
    });
  },
  onDialogTap() {
    this.setData({
      showDialog: false,
    });
  },
  onClose() {
    console.log('event onClose');
    my.alert({
      title: '12321'
    });
  }
});
