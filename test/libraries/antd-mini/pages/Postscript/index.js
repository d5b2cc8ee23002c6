Page({
  handleChange(value) {
    console.log(`event handleChange ${JSON.stringify(value)}`);
  },
});
