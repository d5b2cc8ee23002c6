Page({
  data: {
    from: '',
    name: '',
    stackDepth: 0,
  },

  onLoad(query) {
    this.setData({ from: query.from || 'nowhere', name: query.name || 'guest', stackDepth: getCurrentPages().length });
    my.setNavigationBar({ title: `Hello, ${query.name || 'guest'}` });
  },
});
