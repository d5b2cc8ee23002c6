import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      min: new Date('2019/01/15').getTime(),
      max: new Date('2023/08/20').getTime(),
      defaultDate: new Date('2019/02/02').getTime(),
    },
    handlePickerChange(date, dateStr, e) {
      console.log('onPickerChange', date, dateStr, e);
    },
    handleTriggerPicker(visible, e) {
      console.log('onVisibleChange', visible, e);
    },
    handleDismiss(e) {
      console.log('e', e);
    },
    handleOk(date, format, e) {
      console.log('onOk', date, format, e);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
    },
    handleFormatLabel(type, value) {
      return String(value);
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      pickerVisible: false,
      pickerValue: new Date('2019/02/02').getTime(),
    },
  
    handlePickerChange(date, dateStr, e) {
      console.log('onPickerChange', date, dateStr, e);
    },
    handleControlledOk(value) {
      this.setData({
        pickerValue: value,
      });
    },
    handleTriggerControlledPicker(visible, e) {
      console.log('handleTriggerControlledPicker', visible, e);
      this.setData({
        pickerVisible: visible,
      });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      defaultDateRange: [
        new Date('2022/03/21').getTime(),
        new Date('2022/05/20').getTime(),
      ],
    },
    handlePickerRangeChange(type, date, dateStr, e) {
      console.log('onPickerRangeChange', type, date, dateStr, e);
    },
    handleTriggerPicker(visible, e) {
      console.log('onVisibleChange', visible, e);
    },
    handleRangeOk(date, format, e) {
      console.log('onRangeOk', date, format, e);
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleControlledOk","handleDismiss","handleOk","handlePickerChange","handlePickerRangeChange","handleRangeOk","handleTriggerControlledPicker","handleTriggerPicker"]));
