Page({
  data: {
    lines: [],
    paid: '',
  },

  counters: [],

  onShow() {
    this.refresh();
  },

  saveCounter(ref) {
    this.counters.push(ref);
  },

  setQuantity(productId, quantity) {
    getApp().setQuantity(productId, quantity);
    this.refresh();
  },

  async clear() {
    const { confirm } = await my.confirm({ title: 'Clear cart', content: 'Remove every item?' });
    if (!confirm) return;
    getApp().clearCart();
    this.refresh();
  },

  async checkout() {
    try {
      const { resultCode } = await my.tradePay({ tradeNO: `mpk-${Date.now()}` });
      if (resultCode === '9000') {
        getApp().clearCart();
        this.setData({ paid: 'yes' });
        this.refresh();
      } else {
        my.showToast({ content: `Payment not completed (${resultCode})`, type: 'fail' });
      }
    } catch (error) {
      my.alert({ title: 'Payment failed', content: error.errorMessage });
    }
  },

  refresh() {
    this.setData({ lines: getApp().cartLines() });
  },
});
