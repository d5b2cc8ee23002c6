import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      buttons: [
        { text: '同意协议 + 行动点描述', type: 'primary' },
        { text: '取消', aide: true, type: 'default' }
      ],
      terms: [
        { name: '《用户协议》', key: 'user' }
      ],
    },
    handleButtonTap(item, index, checked, event) {
      my.showToast({ content: `点击了第 ${index + 1} 个按钮` });
    },
    handleTermTap(item, index, event) {
      my.showToast({ content: `点击了第 ${index + 1} 个协议` });
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      buttons2: [
        { text: '行动点描述', type: 'primary' }
      ],
      terms2: [
        { name: '《用户协议》', key: 'user' }
      ],
      checkboxTipsVisible: false,
    },
    handleButtonTap(item, checked) {
      this.setData({ checkboxTipsVisible: !checked });
    },
    handleTermTap(item, index) {
      my.showToast({ content: `点击了第 ${index + 1} 个协议` });
    },
    handleCheckChange(checked) {
      this.setData({ checkboxTipsVisible: !checked });
      if (checked) {
        this.setData({ checkboxTipsVisible: false });
      }
    },
    handleTermPrefixTap(checked) {
      this.setData({ checkboxTipsVisible: !checked });
      if (checked) {
        this.setData({ checkboxTipsVisible: false });
      }
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      buttons3: [
        { text: '请阅读全部协议', disabled: true, type: 'primary', countdownTime: 30 }
      ],
      terms3: [
        { name: '《用户协议》', key: 'user' },
        { name: '《隐私协议》', key: 'private' },
        { name: '《网络协议》', key: 'internet' }
      ],
      readCurrent: 1,
    },
    handleButtonTap(item, index, checked, event) {
      my.showToast({ content: `点击了第 ${index + 1} 个按钮` });
    },
    handleTermTap(item, index, event) {
      my.showToast({ content: `点击了第 ${index + 1} 个协议` });
    },
    handleCountdownFinish(item, index) {
      this.setData({
        buttons3: this.data.buttons3.map((button, idx) =>
          idx === index
            ? { ...button, text: '同意协议 + 行动点描述', disabled: false }
            : button
        ),
      });
    },
    handleReadChange(current) {
      this.tap = true;
      this.setData({
        scrollTop:
          this.itemRectList[current].top -
          this.scrollViewRect.top +
          Math.random(),
      });
    },
    async onReady() {
      await this.updateRect();
    },
    async onImageLoad() {
      await this.updateRect();
    },
    // The docs' demo page has this helper; its snippet leaves it out.
    getBoundingClientRect(selector) {
      return new Promise((resolve) => my.createSelectorQuery().select(selector).boundingClientRect().exec((ret) => resolve(ret[0])));
    },
    async updateRect() {
      this.itemRectList = await Promise.all(
        this.data.terms3.map((item, index) =>
          this.getBoundingClientRect(`#term-content-${index}`)
        )
      );
      this.scrollViewRect = await this.getBoundingClientRect('#scroll-view');
    },
    onTouchStart() {
      this.tap = false;
    },
    onScroll(e) {
      if (this.tap) {
        return;
      }
      this.scrollTop = e.detail.scrollTop;
      const scrollTop = this.scrollTop + this.itemRectList[0].top;
      for (let i = 0; i < this.itemRectList.length; i++) {
        const item = this.itemRectList[i];
        if (
          scrollTop > item.top &&
          (!this.itemRectList[i + 1] ||
            scrollTop < this.itemRectList[i + 1].top) &&
          i !== this.data.readCurrent
        ) {
          this.setData({
            readCurrent: i,
          });
          return;
        }
      }
    },
    onScrollToLower() {
      console.log('触底');
    },
    getBoundingClientRect(id) {
      if (typeof my === 'undefined') {
        return this.getInstanceBoundingClientRect(this, id);
      }
      return this.getInstanceBoundingClientRect(my, id);
    },
    getInstanceBoundingClientRect(instance, selector) {
      return new Promise((resolve) => {
        instance
          .createSelectorQuery()
          .select(selector)
          .boundingClientRect()
          .exec((ret) => {
            if (ret && ret[0]) {
              resolve(ret[0]);
            }
          });
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleButtonTap","handleCheckChange","handleCountdownFinish","handleReadChange","handleTermPrefixTap","handleTermTap","onImageLoad","onScroll","onScrollToLower","onTouchStart"]));
