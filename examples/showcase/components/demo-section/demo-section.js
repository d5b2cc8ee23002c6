Component({
  props: {
    title: '',
    note: '',
  },
});
