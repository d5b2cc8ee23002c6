// The docs give the template only; the handlers it names keep the value, as their API table describes.
Page({
  data: { value: '' },
  onInput(value) {
    console.log('event onInput ' + JSON.stringify(value));
    this.setData({ value });
  },
  onInputClear() {
    this.setData({ value: '' });
  },
  onInputConfirm() {},
});
