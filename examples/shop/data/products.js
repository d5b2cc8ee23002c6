export const products = [
  { id: 1, name: 'Green tea', price: 1200, tag: 'hot', stock: 12 },
  { id: 2, name: 'Oolong', price: 1850, tag: 'new', stock: 3 },
  { id: 3, name: 'Jasmine', price: 990, tag: '', stock: 0 },
  { id: 4, name: 'Pu-erh', price: 4200, tag: 'hot', stock: 5 },
];

export function findProduct(id) {
  return products.find((product) => product.id === Number(id));
}
