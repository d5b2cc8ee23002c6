import { products } from './data/products';

App({
  globalData: {
    cart: [],
  },

  onLaunch() {
    const { data } = my.getStorageSync({ key: 'cart' });
    if (Array.isArray(data)) this.globalData.cart = data;
  },

  addToCart(productId) {
    const cart = this.globalData.cart;
    const line = cart.find((item) => item.id === productId);
    if (line) line.quantity += 1;
    else cart.push({ id: productId, quantity: 1 });
    this.saveCart();
  },

  setQuantity(productId, quantity) {
    const cart = this.globalData.cart;
    const index = cart.findIndex((item) => item.id === productId);
    if (index < 0) return;
    if (quantity <= 0) cart.splice(index, 1);
    else cart[index].quantity = quantity;
    this.saveCart();
  },

  clearCart() {
    this.globalData.cart = [];
    this.saveCart();
  },

  cartLines() {
    return this.globalData.cart
      .map((item) => ({ ...products.find((p) => p.id === item.id), quantity: item.quantity }))
      .filter((line) => line.id !== undefined);
  },

  saveCart() {
    my.setStorageSync({ key: 'cart', data: this.globalData.cart });
  },
});
