Component({
  props: {
    title: '',
  },
});
