Component({
  props: {
    todo: { id: 0, title: '', done: false },
    onToggle: () => {},
    onRemove: () => {},
  },
  methods: {
    onToggleTap() {
      this.props.onToggle(this.props.todo.id);
    },
    onRemoveTap() {
      this.props.onRemove(this.props.todo.id);
    },
  },
});
