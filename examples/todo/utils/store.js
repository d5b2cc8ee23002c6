// Todos persist in the mini-program's storage, so they survive a restart.
const KEY = 'todos';

export function loadTodos() {
  const { data } = my.getStorageSync({ key: KEY });
  return Array.isArray(data) ? data : [];
}

export function saveTodos(todos) {
  my.setStorage({ key: KEY, data: todos });
}

export function nextId(todos) {
  return todos.reduce((max, todo) => Math.max(max, todo.id), 0) + 1;
}
