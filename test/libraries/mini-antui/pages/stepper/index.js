Page({
  // The docs give the template only.
  callBackFn(value) {
    console.log('event callBackFn ' + JSON.stringify(value));
  },
});
