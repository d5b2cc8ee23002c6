Page({
  data: { visible: false, focusVisible: true },
  handleOpen() {
    this.setData({ visible: true });
  },
  handlePrimary() {
    console.log('event handlePrimary');
    this.setData({ visible: false });
  },
  handleClose() {
    this.setData({ visible: false });
  },
  handleFocusClose() {
    this.setData({ focusVisible: false });
  },
});
