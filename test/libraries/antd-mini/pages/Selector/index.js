import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    // The docs' templates read `options` (the API's prop); their script names the list `items`.
    data: {
      options: [
        { text: '选项一', value: '1' },
        { text: '选项二', value: '2' },
        { text: '选项三', value: '3' },
      ],
    },
    onSelectMin(value, item) {
      console.log(value, item);
      my.alert({ content: '不允许清空' });
    },
    onSelectMax(value, item) {
      console.log(value, item);
      my.alert({ content: '选择已达上限' });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      items: [
        { text: '选项一', value: '1' },
        { text: '选项二', value: '2' },
        { text: '选项三', value: '3' },
      ],
      value: '1',
    },
    handleChangeValue() {
      this.setData({
        value: '3',
      });
    },
    handleChange(value, items, e) {
      this.setData({
        value,
      });
      console.log(value, items, e);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleChange","handleChangeValue","onSelectMax","onSelectMin"]));
