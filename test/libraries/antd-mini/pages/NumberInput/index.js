Page({
  data: { value: '' },
  handleChange(value) {
    console.log(`event handleChange ${JSON.stringify(value)}`);
    this.setData({ value });
  },
  handleLinkTap() {
    this.setData({ value: '10000' });
  },
});
