export function remaining(todos) {
  let count = 0;
  for (let i = 0; i < todos.length; i++) {
    if (!todos[i].done) count++;
  }
  return count === 1 ? '1 item left' : count + ' items left';
}

export function visible(todos, filter) {
  if (filter === 'active') return todos.filter((t) => !t.done);
  if (filter === 'done') return todos.filter((t) => t.done);
  return todos;
}

export default { remaining, visible };
