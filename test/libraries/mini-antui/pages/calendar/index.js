// The docs give the template; tagData follows their API table (date, tag, tagColor).
Page({
  data: {
    tagData: [
      { date: '1970-01-10', tag: '还房贷', tagColor: 5 },
      { date: '1970-01-11', tag: '公积金', tagColor: 2 },
    ],
  },
  handleSelect(dates) {
    console.log('event handleSelect ' + JSON.stringify(dates));
  },
});
