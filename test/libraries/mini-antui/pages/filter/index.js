Page({
  handleCallBack(selected) {
    console.log('event handleCallBack ' + JSON.stringify(selected));
  },
});
