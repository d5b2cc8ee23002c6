// A counter that keeps its own value, derived from the `value` prop when the owner changes it.
Component({
  props: {
    value: 0,
    itemId: 0,
    onChange: () => {},
  },
  data: {
    value: 0,
    changes: 0,
  },
  onInit() {
    this.setData({ value: this.props.value });
  },
  deriveDataFromProps(nextProps) {
    if (nextProps.value !== this.props.value) this.setData({ value: nextProps.value });
  },
  didUpdate(prevProps, prevData) {
    if (prevData.value !== this.data.value) this.setData({ changes: this.data.changes + 1 });
  },
  methods: {
    inc() {
      this.change(this.data.value + 1);
    },
    dec() {
      this.change(this.data.value - 1);
    },
    change(value) {
      this.setData({ value });
      this.props.onChange(this.props.itemId, value);
    },
    reset() {
      this.setData({ value: 0 });
    },
  },
  ref() {
    return { reset: () => this.reset(), is: this.is };
  },
});
