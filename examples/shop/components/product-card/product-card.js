import logger from '../../mixins/logger';

Component({
  mixins: [logger],
  props: {
    product: null,
    onAdd: () => {},
    onOpen: () => {},
  },
  data: {
    added: 0,
  },
  methods: {
    onAddTap() {
      this.setData({ added: this.data.added + 1 });
      this.log(`add ${this.props.product.id}`);
      this.props.onAdd(this.props.product.id);
    },
    onOpen() {
      this.props.onOpen(this.props.product.id);
    },
  },
});
