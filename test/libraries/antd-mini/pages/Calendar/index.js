import dayjs from 'dayjs';

// The docs' examples (代码示例), each with the names its template uses. Their snippets leave out
// the data they read (defaultValue, monthRange, nowDate); it is filled in from the FAQ's examples.
const nowDate = dayjs().startOf('date').valueOf();

// 自定义日期单元格
function demoFormatter(cell) {
  const isOdd = dayjs(cell.time).date() % 2 === 1;
  const isNotBeginEnd = !cell.isSelectedBegin && !cell.isSelectedEnd;
  const isWeekend = dayjs(cell.time).day() > 4;
  let topClassName;
  if (isNotBeginEnd) {
    topClassName = isOdd ? 'odd' : 'even';
  }
  return {
    top: {
      className: topClassName,
      label: isOdd ? '奇数' : '偶数',
    },
    bottom: {
      label: isWeekend ? '周末' : '',
    },
  };
}
function demoMonthFormatter(month) {
  return {
    ...month,
  };
}

// 动态控制，只允许选择前后三天
function demoRangeFormatter(cell, value) {
  if (Array.isArray(value) && value.length == 1) {
    const current = value[0];
    return {
      disabled: dayjs(cell.time).diff(dayjs(current), 'days') > 3,
      bottom:
        dayjs(cell.time).diff(dayjs(current), 'days') > 3
          ? {
              label: '不可选',
            }
          : undefined,
    };
  }
  return {};
}

const oneMonth = [dayjs().startOf('month').valueOf(), dayjs().endOf('month').valueOf()];

Page({
  data: {
    // FAQ: 如何设置默认的开始与结束时间？
    defaultValue: [dayjs().startOf('date').valueOf(), dayjs().add(7, 'days').startOf('date').valueOf()],
    demo3: { monthRange: oneMonth },
    monthRange: oneMonth,
    demo9: {
      visible: true,
      value: nowDate,
    },
  },
  demoFormatter,
  demoMonthFormatter,
  demoRangeFormatter,
  handleRef(ref) {
    this.ref = ref;
  },
  demo9HandleChange(value) {
    console.log(`event demo9HandleChange ${value}`);
    this.setData({
      'demo9.value': value,
    });
  },
  demo9HandlePreviousDay() {
    this.setData({
      'demo9.value': this.data.demo9.value - 1000 * 24 * 3600,
    });
  },
  demo9HandleNextDay() {
    this.setData({
      'demo9.value': this.data.demo9.value + 1000 * 24 * 3600,
    });
  },
  demo9HandleScrollIntoView() {
    this.ref.scrollIntoView(nowDate);
  },
});
