Component({
  props: {
    name: 'world',
    onWave: () => {},
  },
  methods: {
    wave() {
      this.props.onWave();
    },
  },
});
