const FORM_DEFAULTS = {
  nickname: '',
  bio: '',
  hobbies: ['reading'],
  plan: 'basic',
  newsletter: false,
  volume: 40,
  city: 0,
  terms: [],
};

const PAGE_SIZE = 10;
const MAX_ROWS = 30;

function makeRows(from, count) {
  return Array.from({ length: count }, (_, i) => ({ id: from + i }));
}

Page({
  data: {
    boxLog: 'Not touched yet',
    iconTypes: ['success', 'success_no_circle', 'info', 'warn', 'waiting', 'cancel', 'download', 'search', 'clear', 'loading'],
    progress: 20,
    chartStatus: 'Not saved yet',
    richNodes: [
      {
        name: 'p',
        attrs: { class: 'rich-p' },
        children: [
          { type: 'text', text: 'Built from a ' },
          { name: 'b', children: [{ type: 'text', text: 'nodes' }] },
          { type: 'text', text: ' array, with ' },
          { name: 'span', attrs: { style: 'color: #cf1322;' }, children: [{ type: 'text', text: 'inline styles' }] },
          { type: 'text', text: ', entities (&lt;ok&gt;) and a ' },
          { name: 'span', attrs: { class: 'rich-link' }, marks: { link: 'terms' }, children: [{ type: 'text', text: 'tappable link' }] },
          { type: 'text', text: '.' },
        ],
      },
    ],
    richTapped: '',
    saving: false,
    saveCount: 0,
    hobbies: [
      { value: 'reading', name: 'Reading' },
      { value: 'hiking', name: 'Hiking' },
      { value: 'cooking', name: 'Cooking' },
    ],
    plans: [
      { value: 'basic', name: 'Basic' },
      { value: 'pro', name: 'Pro' },
    ],
    cities: [
      { id: 'hz', name: 'Hangzhou' },
      { id: 'sh', name: 'Shanghai' },
      { id: 'bj', name: 'Beijing' },
    ],
    form: { ...FORM_DEFAULTS },
    volumeDragging: false,
    submitted: null,
    submittedBy: '',
    formStatus: '',
    rows: makeRows(1, PAGE_SIZE),
    maxRows: MAX_ROWS,
    rowsLoading: false,
    scrollTop: 0,
    scrollIntoView: '',
    slides: [
      { title: 'Swipe me', color: '#1677ff' },
      { title: 'Autoplay with a switch', color: '#52c41a' },
      { title: 'Indicator dots below', color: '#fa8c16' },
    ],
    autoplay: false,
    swiperCurrent: 0,
    slideSource: 'start',
    imageModes: ['scaleToFill', 'aspectFit', 'aspectFill', 'widthFix', 'center', 'top left', 'bottom right'],
    imageInfo: '',
  },

  // view
  onBoxTap() {
    this.setData({ boxLog: 'Tapped' });
  },

  onBoxLongTap() {
    this.setData({ boxLog: 'Long-pressed' });
  },

  // progress
  advanceProgress() {
    this.setData({ progress: this.data.progress >= 100 ? 0 : this.data.progress + 20 }, () => this.drawChart());
  },

  // canvas type="2d": the Canvas comes from a selector query once the component is ready
  onChartReady() {
    my.createSelectorQuery().select('#chart').node().exec((res) => {
      const canvas = res[0] && res[0].node;
      if (!canvas) return;
      const dpr = my.getSystemInfoSync().pixelRatio || 1;
      canvas.width = 300 * dpr;
      canvas.height = 120 * dpr;
      this.chart = { canvas, ctx: canvas.getContext('2d'), dpr };
      this.drawChart();
    });
  },

  drawChart() {
    if (!this.chart) return;
    const { ctx, dpr } = this.chart;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, 300, 120);
    const gradient = ctx.createLinearGradient(0, 0, 0, 120);
    gradient.addColorStop(0, '#1677ff');
    gradient.addColorStop(1, '#91caff');
    ctx.fillStyle = gradient;
    const bars = [0.4, 0.7, 0.55, this.data.progress / 100];
    bars.forEach((value, i) => ctx.fillRect(20 + i * 70, 110 - value * 100, 40, value * 100));
    ctx.fillStyle = '#333333';
    ctx.font = '12px sans-serif';
    ctx.fillText(this.data.progress + '%', 230, 110 - (this.data.progress / 100) * 100 - 4);
  },

  saveChart() {
    my.canvasToTempFilePath({
      canvas: this.chart && this.chart.canvas,
      success: (res) => this.setData({ chartStatus: 'Saved ' + res.apFilePath }),
      fail: (error) => this.setData({ chartStatus: 'Not saved: ' + error.errorMessage }),
    });
  },

  // rich-text: marks of the tapped node arrive in detail.marks
  onRichTap(event) {
    const marks = event.detail && event.detail.marks;
    if (marks && marks.link) this.setData({ richTapped: `Tapped the "${marks.link}" link` });
  },

  // button with loading
  save() {
    if (this.data.saving) return;
    this.setData({ saving: true });
    setTimeout(() => {
      this.setData({ saving: false, saveCount: this.data.saveCount + 1 });
    }, 1000);
  },

  // form: every control is controlled by page data, so the live preview and the submitted values agree
  onNicknameInput(event) {
    this.setData({ 'form.nickname': event.detail.value });
  },

  onBioInput(event) {
    this.setData({ 'form.bio': event.detail.value });
  },

  onHobbiesChange(event) {
    this.setData({ 'form.hobbies': event.detail.value });
  },

  onPlanChange(event) {
    this.setData({ 'form.plan': event.detail.value });
  },

  onTermsChange(event) {
    this.setData({ 'form.terms': event.detail.value });
  },

  onNewsletterChange(event) {
    this.setData({ 'form.newsletter': event.detail.value });
  },

  onVolumeChanging(event) {
    this.setData({ volumeDragging: true, 'form.volume': event.detail.value });
  },

  onVolumeChange(event) {
    this.setData({ volumeDragging: false, 'form.volume': event.detail.value });
  },

  onCityChange(event) {
    this.setData({ 'form.city': Number(event.detail.value) });
  },

  onSubmit(event) {
    const { value, buttonTarget } = event.detail;
    if (!value.nickname) {
      my.showToast({ type: 'fail', content: 'Nickname is required' });
      this.setData({ formStatus: 'Fill in a nickname first' });
      return;
    }
    if (!value.terms || value.terms.length === 0) {
      my.showToast({ type: 'fail', content: 'Accept the terms first' });
      this.setData({ formStatus: 'The terms are not accepted' });
      return;
    }
    this.setData({
      submitted: value,
      submittedBy: (buttonTarget && buttonTarget.dataset && buttonTarget.dataset.source) || '',
      formStatus: 'Submitted',
    });
    my.showToast({ type: 'success', content: `Thanks, ${value.nickname}!` });
  },

  onReset() {
    this.setData({ form: { ...FORM_DEFAULTS }, submitted: null, submittedBy: '', formStatus: 'Reset' });
  },

  // scroll-view
  onRowsScroll(event) {
    this.setData({ scrollTop: Math.round(event.detail.scrollTop) });
  },

  jumpTo(event) {
    this.setData({ scrollIntoView: event.target.dataset.target });
  },

  loadMoreRows() {
    const { rows, rowsLoading } = this.data;
    if (rowsLoading || rows.length >= MAX_ROWS) return;
    this.setData({ rowsLoading: true });
    // Stands in for a request: the next page arrives a little later.
    setTimeout(() => {
      const more = makeRows(this.data.rows.length + 1, PAGE_SIZE);
      this.setData({ rows: this.data.rows.concat(more), rowsLoading: false });
    }, 300);
  },

  // swiper
  onSwiperChange(event) {
    this.setData({ swiperCurrent: event.detail.current, slideSource: event.detail.source || 'touch' });
  },

  onAutoplayChange(event) {
    this.setData({ autoplay: event.detail.value });
  },

  showSlide(event) {
    const step = Number(event.target.dataset.step);
    const count = this.data.slides.length;
    this.setData({ swiperCurrent: (this.data.swiperCurrent + step + count) % count, slideSource: 'button' });
  },

  // image
  onImageLoad(event) {
    this.setData({ imageInfo: `Loaded ${event.detail.width}×${event.detail.height} (mode ${event.target.dataset.mode})` });
  },
});
