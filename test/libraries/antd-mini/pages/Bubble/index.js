Page({
  handleTypingComplete() {
    console.log('event handleTypingComplete');
  },
});
