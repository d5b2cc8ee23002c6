import { loadTodos, saveTodos, nextId } from '../../utils/store';

Page({
  data: {
    draft: '',
    todos: [],
    filter: 'all',
    doneCount: 0,
    suggestions: ['Buy milk', 'Walk the dog', 'Write tests'],
    filters: [
      { value: 'all', label: 'All' },
      { value: 'active', label: 'Active' },
      { value: 'done', label: 'Done' },
    ],
  },

  onLoad() {
    this.update(loadTodos());
  },

  onDraft(event) {
    this.setData({ draft: event.detail.value });
  },

  add() {
    const title = this.data.draft.trim();
    if (!title) {
      my.showToast({ content: 'Type something first', type: 'fail' });
      return;
    }
    this.addTodo(title);
    this.setData({ draft: '' });
  },

  addSuggestion(event) {
    this.addTodo(event.target.dataset.title);
  },

  addTodo(title) {
    const todos = this.data.todos;
    this.update([...todos, { id: nextId(todos), title, done: false }]);
  },

  toggle(id) {
    this.update(this.data.todos.map((todo) => (todo.id === id ? { ...todo, done: !todo.done } : todo)));
  },

  remove(id) {
    this.update(this.data.todos.filter((todo) => todo.id !== id));
  },

  clearDone() {
    this.update(this.data.todos.filter((todo) => !todo.done));
  },

  setFilter(event) {
    this.setData({ filter: event.target.dataset.value });
  },

  update(todos) {
    this.setData({ todos, doneCount: todos.filter((todo) => todo.done).length });
    saveTodos(todos);
  },
});
