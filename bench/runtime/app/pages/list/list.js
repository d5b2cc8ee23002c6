import { makeRows, touchAll } from '../../utils/rows';

Page({
  data: {
    rows: [],
    rounds: 0,
    selected: -1,
  },

  onLoad() {
    this.setData({ rows: makeRows() });
  },

  // One row changes: a path update, so only that row's data crosses the bridge.
  select(event) {
    const index = event.currentTarget.dataset.index;
    const row = this.data.rows[index];
    this.setData({
      [`rows[${index}].count`]: row.count + 1,
      [`rows[${index}].selected`]: !row.selected,
    });
  },

  updateAll() {
    const rounds = this.data.rounds + 1;
    this.setData({ rows: touchAll(this.data.rows, rounds), rounds });
  },

  openDetail() {
    my.navigateTo({ url: `/pages/detail/detail?id=${this.data.rows.length - 1}` });
  },
});
