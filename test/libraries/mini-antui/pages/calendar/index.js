// The docs give the template; tagData follows their API table (date, tag, tagColor), in the month shown.
const now = new Date();
const day = (d) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

Page({
  data: {
    tagData: [
      { date: day(10), tag: '还房贷', tagColor: 5 },
      { date: day(11), tag: '公积金', tagColor: 2 },
    ],
  },
  handleSelect(dates) {
    console.log('event handleSelect ' + JSON.stringify(dates));
  },
});
