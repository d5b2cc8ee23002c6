App({
  globalData: {
    launchedAt: 0,
  },
  onLaunch(options) {
    this.globalData.launchedAt = Date.now();
    console.log('todo app launched on', options.path);
  },
  onError(message) {
    console.error('todo app error:', message);
  },
});
