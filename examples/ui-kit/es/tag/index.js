Component({
  props: {
    type: 'new',
    text: '',
  },
});
