Page({
  handleTap() {
    console.log('event handleTap');
  },
  handleDisabledTap() {
    console.log('event handleDisabledTap');
  },
});
