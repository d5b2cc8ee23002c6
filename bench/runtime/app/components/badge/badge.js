Component({
  props: { label: '', value: 0 },
});
