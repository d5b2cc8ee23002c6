import { products, findProduct } from '../../data/products';

Page({
  data: {
    products: [],
    recent: [],
    cartCount: 0,
    user: '',
  },

  onLoad() {
    this.setData({ products });
  },

  onShow() {
    this.refreshCount();
  },

  onPullDownRefresh() {
    this.setData({ products: products.slice() });
    my.stopPullDownRefresh();
  },

  addToCart(productId) {
    getApp().addToCart(productId);
    const product = findProduct(productId);
    this.$spliceData({ recent: [0, 0, product.name] });
    this.refreshCount();
    my.showToast({ content: `${product.name} added`, type: 'success' });
  },

  openProduct(productId) {
    my.navigateTo({ url: `/sub/product/product?id=${productId}` });
  },

  refreshCount() {
    const count = getApp().globalData.cart.reduce((sum, item) => sum + item.quantity, 0);
    this.setData({ cartCount: count });
  },
});
