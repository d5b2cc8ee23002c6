App({
  onLaunch() {
    console.log('{{name}} launched');
  },
});
