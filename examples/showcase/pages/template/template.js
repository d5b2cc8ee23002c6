// Fixed timestamps keep the page (and its tests) the same on every device: 2024-05-21 09:30 UTC.
const BASE_TIME = Date.UTC(2024, 4, 21, 9, 30);
const HOUR = 3600 * 1000;
const FEED_LIMIT = 20;

function initialFeed() {
  return [
    { id: 1, kind: 'note', title: 'Welcome', body: 'Each card below is a <template>, chosen by its kind.', at: BASE_TIME },
    { id: 2, kind: 'photo', caption: 'Hills at dawn #landscape #mpk' },
    { id: 3, kind: 'price', title: 'Annual plan', cents: 1234550 },
  ];
}

/** Older cards, as a server would page them: a note, a photo and a price in turn. */
function olderCards(fromId, count) {
  const kinds = ['note', 'photo', 'price'];
  return Array.from({ length: count }, (_, i) => {
    const id = fromId + i;
    const kind = kinds[id % 3];
    if (kind === 'note') return { id, kind, title: `Note ${id}`, body: 'Loaded when you reached the bottom.', at: BASE_TIME - id * HOUR };
    if (kind === 'photo') return { id, kind, caption: `Archive photo ${id} #archive` };
    return { id, kind, title: `Offer ${id}`, cents: id * 1000 + 99 };
  });
}

Page({
  data: {
    headline: 'Templates, SJS and list updates',
    priceCents: 987654321,
    publishedAt: BASE_TIME,
    phone: '13812345678',
    email: '',
    caption: 'Shipping #mini #program templates',
    feed: initialFeed(),
    nextId: 4,
    feedEnd: false,
    refreshCount: 0,
    people: [
      { id: 'p1', name: 'Ada Lovelace', phone: '13900001111' },
      { id: 'p2', name: 'Alan Turing', phone: '13700002222' },
      { id: 'p3', name: 'Grace Hopper', phone: '13600003333' },
    ],
    selectedPerson: '',
    counter: 0,
    batches: 0,
  },

  onEmailInput(event) {
    this.setData({ email: event.detail.value });
  },

  // $spliceData sends only the inserted items, not the whole list.
  addNote() {
    const id = this.data.nextId;
    const card = { id, kind: 'note', title: `Note ${id}`, body: 'Added with $spliceData at the top.', at: BASE_TIME + id * HOUR };
    this.$spliceData({ feed: [0, 0, card] }, () => {
      this.setData({ nextId: id + 1 });
    });
  },

  onReachBottom() {
    const { nextId, feedEnd } = this.data;
    const length = this.data.feed.length;
    if (feedEnd) return;
    const count = Math.min(5, FEED_LIMIT - length);
    this.$spliceData({ feed: [length, 0, ...olderCards(nextId, count)] });
    this.setData({ nextId: nextId + count, feedEnd: length + count >= FEED_LIMIT });
  },

  onPullDownRefresh() {
    this.setData({ feed: initialFeed(), nextId: 4, feedEnd: false, refreshCount: this.data.refreshCount + 1 });
    my.stopPullDownRefresh();
  },

  onPersonSelect(person) {
    this.setData({ selectedPerson: person ? person.name : '' });
  },

  // Two setData calls, one transfer to the view.
  plusTwo() {
    this.$batchedUpdates(() => {
      this.setData({ counter: this.data.counter + 1 });
      this.setData({ counter: this.data.counter + 1, batches: this.data.batches + 1 });
    });
  },
});
