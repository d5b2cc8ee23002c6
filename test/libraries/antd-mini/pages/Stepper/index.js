import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    handleChange(value) {
      console.log(value);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleBlur","handleChange","handleConfirm","handleDisabledTap","handleFocus"]));
