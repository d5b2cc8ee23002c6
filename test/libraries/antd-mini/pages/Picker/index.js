import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      defaultValue: '上海',
      list: ['北京', '上海', '深圳', '广州', '南京', '武汉', '无锡', '苏州'],
    },
    handleDismiss(e) {
      console.log('onCancel', e);
    },
    handleTriggerPicker(visible, e) {
      console.log('onVisibleChange', visible, e);
    },
    handleOk(value, column, e) {
      console.log('onOk value', value, 'onOk  column', column, e);
    },
    handleChange(value, column, e) {
      console.log('onChange value', value, 'onChange  column', column, e);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
    },
    onFormat: (value) => {
      return `已选择：${value}`;
    },
  })
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      columns: [
        [
          {
            label: '周一',
            value: 'Mon',
          },
          {
            label: '周二',
            value: 'Tues',
          },
          {
            label: '周三',
            value: 'Wed',
          },
          {
            label: '周四',
            value: 'Thur',
          },
          {
            label: '周五',
            value: 'Fri',
          },
        ],
        [
          {
            label: '上午',
            value: 'am',
          },
          {
            label: '下午',
            value: 'pm',
          },
        ],
      ],
    },
    formatTime: (value, column) => {
      return column.map((c) => c && c.label).join('，');
    }
  })
})((options) => parts.push(options));

(function (Page) {
  Page({
    data:{
      value: '上海',
      list: ['北京', '上海', '深圳', '广州', '南京', '武汉', '无锡', '苏州'],
    },
    handleControlledOk(value) {
      this.setData({
        value,
      });
    },
    handleClearControlled() {
      this.setData({
        value: '',
      });
    },
    handleChangeControlled() {
      this.setData({
        value: '深圳',
      });
    },
  })
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      cityList: [
        {
          label: '北京',
          value: '11',
          children: [
            {
              label: '北京',
              value: '110',
            },
          ],
        },
        {
          label: '河北',
          value: '18',
          children: [
            {
              label: '石家庄',
              value: '188',
            },
            {
              label: '唐山',
              value: '181',
            },
          ],
        },
      ],
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["formatTime","handleChange","handleChangeControlled","handleClearControlled","handleControlledOk","handleDismiss","handleOk","handleTriggerPicker","onFormat"]));
