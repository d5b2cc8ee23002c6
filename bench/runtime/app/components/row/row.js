// A row that keeps its own tap count: tapping it updates only this component's data.
Component({
  props: {
    item: { id: 0, label: '', count: 0 },
    onPick: () => {},
  },
  data: {
    taps: 0,
    selected: false,
  },
  methods: {
    tap() {
      this.setData({ taps: this.data.taps + 1, selected: !this.data.selected });
      this.props.onPick(this.props.item.id);
    },
  },
});
