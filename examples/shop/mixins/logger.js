// Shared by components that log their lifecycle: shows how mixins merge (the mixin's didMount
// runs before the component's own).
export default Mixin({
  didMount() {
    console.log(`${this.is} mounted`);
  },
  methods: {
    log(message) {
      console.log(`[${this.is}] ${message}`);
    },
  },
});
