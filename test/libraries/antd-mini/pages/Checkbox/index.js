import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      checked: false,
    },
    handleCheckedChange(checked) {
      this.setData({
        checked,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data:{
      value: ['banana'],
       options: [
        { value: 'apple', label: 'Apple' },
        { value: 'orange', label: 'Orange' },
        { value: 'banana', label: 'Banana' },
      ],
    },
    handleValueChange(value) {
      this.setData({
        value,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      customOptions: [
        {
          title: 'Group one',
          list: [
            {
              title: 'Option one',
              value: '1',
            },
          ],
        },
        {
          title: 'Group two',
          list: [
            {
              title: 'Option two',
              value: '2',
            },
          ],
        },
      ],
      customValue: [],
    },
    handleCustomChange(checked, e) {
      let value = this.data.customValue;
  
  
      if (checked) {
        value = value.concat(e.target.dataset.value);
      } else {
        value = value.filter((v) => v !== e.target.dataset.value);
      }
  
      this.setData({ customValue: value });
      console.log(value);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleCheckedChange","handleCustomChange","handleValueChange"]));
