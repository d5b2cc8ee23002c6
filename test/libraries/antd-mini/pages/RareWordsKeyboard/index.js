Page({
  data: { visible: false, value: '' },
  handleOpen() {
    this.setData({ visible: true });
  },
  handleClose() {
    this.setData({ visible: false });
  },
  handleChange(value) {
    this.setData({ value, visible: false });
  },
  handleError(error) {
    console.log(`event handleError ${error && error.message}`);
  },
});
