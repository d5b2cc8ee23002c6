import { findProduct } from '../../data/products';

Page({
  data: {
    product: {},
    inCart: 0,
  },

  onLoad(query) {
    const product = findProduct(query.id);
    if (!product) {
      my.showToast({ content: 'No such product', type: 'fail' });
      my.navigateBack();
      return;
    }
    my.setNavigationBar({ title: product.name });
    this.setData({ product });
    this.refresh();
  },

  add() {
    getApp().addToCart(this.data.product.id);
    this.refresh();
  },

  refresh() {
    const line = getApp().globalData.cart.find((item) => item.id === this.data.product.id);
    this.setData({ inCart: line ? line.quantity : 0 });
  },
});
