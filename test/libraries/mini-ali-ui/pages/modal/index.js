import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      modalOpened: false,
    },
    openModal() {
      this.setData({
        modalOpened: true,
      });
    },
    onModalClick() {
      this.setData({
        modalOpened: false,
      });
    },
    onModalClose() {
      this.setData({
        modalOpened: false,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onModalClick","onModalClose","openModal"]));
