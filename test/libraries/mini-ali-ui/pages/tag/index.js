import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {},
    onLoad() {},
    setInfo(e) {
      const { dataset } = e.target;
      const { name } = dataset;
      this.setData({
        [name]: e.detail.value,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["setInfo"]));
