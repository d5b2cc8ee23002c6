import { API_BASE, DEMO_TRADE_NO } from '../../config';

const NOTE_KEY = 'showcase-note';

/** What my.canIUse is asked on this page: APIs, their parameters, components and their attribute values. */
const CAN_I_USE = [
  'showToast',
  'getLocation.object.type',
  'getSystemInfo.return.brand',
  'request.object.dataType.arraybuffer',
  'button.open-type.share',
  'button.open-type.getPhoneNumber',
  'input.type.numberpad',
  'page.$spliceData',
  'startBeaconDiscovery',
];

const TRADE_RESULTS = {
  9000: 'Paid',
  8000: 'Processing, result unknown',
  4000: 'Payment failed',
  6001: 'Cancelled by the user',
  6002: 'Network error',
  6004: 'Result unknown',
  4: 'No permission to pay',
};

Page({
  data: {
    apiBase: API_BASE,
    results: {},
    summaries: {},
    clipText: 'Copied from the mpk showcase',
    noteText: 'Remember the milk',
    greetName: 'mpk',
    canIUse: [],
  },

  onLoad() {
    this.setData({ canIUse: CAN_I_USE.map((query) => ({ query, ok: my.canIUse(query) })) });
    // The sync form returns { data } (null when the key is missing).
    const saved = my.getStorageSync({ key: NOTE_KEY }).data;
    if (saved) this.setData({ 'summaries.storage': `Saved earlier: "${saved.text}"` });
  },

  /** Shows what an API answered: the success result or the error object of `fail`. */
  showResult(key, status, value, summary) {
    const update = { [`results.${key}`]: { status, value } };
    if (summary !== undefined) update[`summaries.${key}`] = summary;
    this.setData(update);
  },

  // ---------------------------------------------------------------- feedback

  showToast() {
    my.showToast({
      type: 'success',
      content: 'Saved!',
      duration: 1500,
      success: (res) => this.showResult('toast', 'success', res, 'A success toast for 1.5 s'),
    });
  },

  showLoading() {
    my.showLoading({ content: 'Loading…' });
    this.showResult('loading', 'pending', 'showLoading', 'Loading, hides itself after 2 s');
    setTimeout(() => {
      my.hideLoading();
      this.showResult('loading', 'success', 'hideLoading', 'Loading hidden after 2 s');
    }, 2000);
  },

  alert() {
    my.alert({
      title: 'Hello',
      content: 'An alert has a single button.',
      buttonText: 'Got it',
      success: (res) => this.showResult('alert', 'success', res, 'The alert was closed'),
    });
  },

  async confirm() {
    const res = await my.confirm({
      title: 'Delete the draft?',
      content: 'This cannot be undone.',
      confirmButtonText: 'Delete',
      cancelButtonText: 'Keep',
    });
    this.showResult('confirm', 'success', res, res.confirm ? 'Draft deleted' : 'Draft kept');
  },

  async prompt() {
    const res = await my.prompt({
      title: 'Your name',
      message: 'Used for the greeting below',
      placeholder: 'Name',
      okButtonText: 'Greet me',
      cancelButtonText: 'Cancel',
    });
    this.showResult('prompt', 'success', res, res.ok ? `Hello, ${res.inputValue || 'stranger'}!` : 'No greeting today');
  },

  showActionSheet() {
    const items = ['Red', 'Green', 'Blue'];
    my.showActionSheet({
      title: 'Pick a colour',
      items,
      cancelButtonText: 'Cancel',
      destructiveBtnIndex: 0,
      badges: [{ index: 2, type: 'text', text: 'new' }],
      success: (res) => this.showResult('actionSheet', 'success', res, res.index === -1 ? 'Cancelled' : `You picked ${items[res.index]}`),
    });
  },

  setNavigationBar() {
    my.setNavigationBar({
      title: 'APIs ✓',
      backgroundColor: '#52c41a',
      frontColor: '#ffffff',
      success: (res) => this.showResult('navigationBar', 'success', res, 'Title and colour changed'),
    });
  },

  resetNavigationBar() {
    my.setNavigationBar({
      reset: true,
      title: 'APIs',
      success: (res) => this.showResult('navigationBar', 'success', res, 'Back to the default look'),
    });
  },

  // ---------------------------------------------------------------- device

  onClipInput(event) {
    this.setData({ clipText: event.detail.value });
  },

  copy() {
    my.setClipboard({
      text: this.data.clipText,
      success: (res) => this.showResult('clipboard', 'success', res, `Copied "${this.data.clipText}"`),
      fail: (err) => this.showResult('clipboard', 'fail', err, 'Could not copy'),
    });
  },

  paste() {
    my.getClipboard({
      success: (res) => this.showResult('clipboard', 'success', res, `The clipboard holds "${res.text}"`),
      // getClipboard needs the user's consent (error 2001/2002 when refused).
      fail: (err) => this.showResult('clipboard', 'fail', err, 'Reading the clipboard was not allowed'),
    });
  },

  getSystemInfo() {
    my.getSystemInfo({
      success: (res) =>
        this.showResult(
          'systemInfo',
          'success',
          res,
          `${res.brand} ${res.model} · ${res.platform} ${res.system} · ${res.windowWidth}×${res.windowHeight} @${res.pixelRatio}x`,
        ),
    });
  },

  getNetworkType() {
    my.getNetworkType({
      success: (res) => this.showResult('network', 'success', res, `${res.networkType}${res.networkAvailable ? '' : ' (offline)'}`),
    });
  },

  vibrateShort() {
    my.vibrateShort({ success: (res) => this.showResult('vibrate', 'success', res, 'Bzz (40 ms)') });
  },

  makePhoneCall() {
    my.makePhoneCall({
      number: '95188',
      success: (res) => this.showResult('phone', 'success', res, 'Dialling 95188'),
      fail: (err) => this.showResult('phone', 'fail', err, 'Could not dial'),
    });
  },

  // ---------------------------------------------------------------- location (permission flow)

  locate() {
    my.getLocation({
      type: 1,
      success: (res) => this.showResult('location', 'success', res, `${res.city || 'Somewhere'} (${res.latitude}, ${res.longitude})`),
      fail: (err) => {
        if (err.error === 2001) {
          this.showResult('location', 'fail', err, 'You said no to sharing your location');
        } else if (err.error === 2002) {
          this.showResult('location', 'fail', err, 'Location is switched off for this mini-program');
          this.offerLocationSettings();
        } else {
          this.showResult('location', 'fail', err, 'Could not find you');
        }
      },
    });
  },

  /** After a "don't ask again" refusal only the settings page can turn location back on. */
  offerLocationSettings() {
    my.confirm({
      title: 'Location is off',
      content: 'Turn location on in the settings?',
      confirmButtonText: 'Open settings',
      cancelButtonText: 'Not now',
      success: ({ confirm }) => {
        if (!confirm) return;
        my.openSetting({
          success: ({ authSetting }) => {
            if (authSetting.location) this.locate();
          },
        });
      },
    });
  },

  // ---------------------------------------------------------------- network

  onGreetNameInput(event) {
    this.setData({ greetName: event.detail.value });
  },

  async requestGreeting() {
    const url = `${API_BASE}/greeting?name=${encodeURIComponent(this.data.greetName)}`;
    this.showResult('request', 'pending', `GET ${url}`, 'Requesting…');
    try {
      const res = await my.request({ url, method: 'GET', dataType: 'json', timeout: 5000 });
      const summary = res.status === 200 ? res.data.message : `The server answered ${res.status}`;
      this.showResult('request', 'success', { status: res.status, data: res.data }, summary);
    } catch (err) {
      this.showResult('request', 'fail', err, 'The request failed');
    }
  },

  postNote() {
    my.request({
      url: `${API_BASE}/notes`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      data: { text: this.data.noteText },
      dataType: 'json',
      success: (res) => this.showResult('post', 'success', { status: res.status, data: res.data }, res.status === 201 ? `Stored as note #${res.data.id}` : `The server answered ${res.status}`),
      fail: (err) => this.showResult('post', 'fail', err, 'The request failed'),
    });
  },

  // ---------------------------------------------------------------- storage

  onNoteInput(event) {
    this.setData({ noteText: event.detail.value });
  },

  saveNote() {
    const note = { text: this.data.noteText, length: this.data.noteText.length };
    my.setStorage({
      key: NOTE_KEY,
      data: note,
      success: (res) => this.showResult('storage', 'success', res, `Saved "${note.text}"`),
      fail: (err) => this.showResult('storage', 'fail', err, 'Could not save'),
    });
  },

  loadNote() {
    my.getStorage({
      key: NOTE_KEY,
      success: (res) => this.showResult('storage', 'success', res, res.data ? `Loaded "${res.data.text}"` : 'Nothing saved'),
      fail: (err) => this.showResult('storage', 'fail', err, 'Could not load'),
    });
  },

  removeNote() {
    my.removeStorage({
      key: NOTE_KEY,
      success: (res) => this.showResult('storage', 'success', res, 'Removed'),
    });
  },

  storageInfo() {
    my.getStorageInfo({
      success: (res) => this.showResult('storage', 'success', res, `${res.keys.length} key(s): ${res.keys.join(', ') || 'none'}; ${res.currentSize} of ${res.limitSize} KB used`),
    });
  },

  // ---------------------------------------------------------------- selector query

  runQuery() {
    my.createSelectorQuery()
      .select('#query-target')
      .fields({ id: true, dataset: true, size: true })
      .select('#no-such-node')
      .boundingClientRect()
      .selectViewport()
      .scrollOffset()
      .exec((ret) => {
        const [target, missing, viewport] = ret;
        this.showResult('query', 'success', ret, `#${target.id} is a "${target.dataset.kind}" box; #no-such-node is ${missing}; page scrolled ${viewport.scrollTop}px`);
      });
  },

  // ---------------------------------------------------------------- open capabilities

  getAuthCode() {
    my.getAuthCode({
      scopes: 'auth_user',
      success: (res) => this.showResult('authCode', 'success', res, `authCode ${res.authCode}: send it to your server`),
      fail: (err) => this.showResult('authCode', 'fail', err, err.error === 11 ? 'The user did not authorise' : 'No authorisation code'),
    });
  },

  async tradePay() {
    try {
      const res = await my.tradePay({ tradeNO: DEMO_TRADE_NO });
      this.showResult('tradePay', 'success', res, `${TRADE_RESULTS[res.resultCode] || 'Unknown result'} (${res.resultCode})`);
    } catch (err) {
      this.showResult('tradePay', 'fail', err, 'The payment could not start');
    }
  },
});
