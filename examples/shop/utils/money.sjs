export default {
  yuan(cents) {
    const value = (cents / 100).toFixed(2);
    return '¥' + value;
  },
  total(lines) {
    let sum = 0;
    for (let i = 0; i < lines.length; i++) sum += lines[i].price * lines[i].quantity;
    return sum;
  },
};
