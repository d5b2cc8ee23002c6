// The runtime benchmark app (bench/runtime): a 1,000-row list with tap handlers, the same list as
// one custom component per row, and a detail page to navigate to.
App({
  globalData: { launches: 0 },
  onLaunch() {
    this.globalData.launches++;
  },
});
