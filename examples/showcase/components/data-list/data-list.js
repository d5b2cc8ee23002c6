// A list that owns the selection and lets its user draw each row through the scoped slot "row"
// (slot props: item, index, selected).
Component({
  props: {
    items: [],
    onSelect: () => {},
  },

  data: {
    selectedId: null,
  },

  methods: {
    onRowTap(event) {
      const id = event.currentTarget.dataset.id;
      this.setData({ selectedId: id });
      this.props.onSelect(this.props.items.find((item) => item.id === id));
    },
  },
});
