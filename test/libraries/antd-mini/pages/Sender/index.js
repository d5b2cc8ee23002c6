Page({
  data: { value: '', loading: false },
  handleChange(value) {
    console.log(`event handleChange ${JSON.stringify(value)}`);
    this.setData({ value });
  },
  handleSubmit(value) {
    console.log(`event handleSubmit ${JSON.stringify(value)}`);
    this.setData({ loading: true, value: '' });
  },
  handleCancel() {
    console.log('event handleCancel');
    this.setData({ loading: false });
  },
});
