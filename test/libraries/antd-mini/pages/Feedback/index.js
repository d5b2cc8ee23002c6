import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      visible: true,
    },
    onVisibleChange(value) {
      this.setData({ visible: value });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      visible: true,
      feedList: [
        { icon: 'HeartOutline', text: '喜欢推荐内容', id: '1', },
        { icon: 'FrownOutline', text: '我不感兴趣', id: '2', },
        { image: 'https://gw.alipayobjects.com/mdn/rms_ce4c6f/afts/img/A*XMCgSYx3f50AAAAAAAAAAABkARQnAQ', text: '看过类似内容', id: '3', },
      ],
    },
    onVisibleChange(value) {
      this.setData({ visible: value });
    },
    onTapFeedItem(feedItem) {
      my.showToast({ content: `点击了反馈项${feedItem.text}`, });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      visible: true,
      feedList: [
        { icon: 'HeartOutline', text: '喜欢推荐内容', id: '1', },
        { icon: 'FrownOutline', text: '我不感兴趣', id: '2', },
        { image: 'https://gw.alipayobjects.com/mdn/rms_ce4c6f/afts/img/A*XMCgSYx3f50AAAAAAAAAAABkARQnAQ', text: '看过类似内容', id: '3', },
      ],
    },
    onVisibleChange(value) {
      this.setData({ visible: value });
    },
    onTapFeedItem(feedItem) {
      my.showToast({ content: `点击了反馈项${feedItem.text}`, });
    },
    onShowFeedback() {
      this.setData({
        visible: true,
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onShowFeedback","onTapFeedItem","onVisibleChange"]));
