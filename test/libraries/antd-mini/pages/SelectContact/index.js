Page({
  handleSelect(contact) {
    console.log(`event handleSelect ${JSON.stringify(contact)}`);
  },
  handleError(error) {
    console.log(`event handleError ${JSON.stringify(error)}`);
  },
});
