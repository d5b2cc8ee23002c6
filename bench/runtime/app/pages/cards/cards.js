import { makeRows, touchAll } from '../../utils/rows';

Page({
  data: {
    rows: [],
    rounds: 0,
    picks: 0,
  },

  onLoad() {
    this.setData({ rows: makeRows() });
  },

  picked() {
    this.picks = (this.picks || 0) + 1;
  },

  updateAll() {
    const rounds = this.data.rounds + 1;
    this.setData({ rows: touchAll(this.data.rows, rounds), rounds });
  },
});
