Page({
  // The docs' script is Page({}); the template names onChange.
  onChange(keys) {
    console.log('event onChange ' + JSON.stringify(keys));
  },
});
