import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({});
})((options) => parts.push(options));

Page(demoPage(parts, []));
