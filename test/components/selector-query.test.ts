/**
 * Selector queries answer after the first render (docs: api/…/节点查询/my.createSelectorQuery.md; on the
 * platform the query reaches the view after the render it follows): a component measuring itself in
 * `onInit`, before it has rendered, gets its nodes — once it has mounted — as it does from `didMount`;
 * a page querying in `onLoad` gets its nodes once its first frame is built, components included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { closeAll, component, launchProject, logLines, page } from '../support/project.ts';

afterAll(closeAll);

const measure = component('components/measure/measure', {
  axml: '<view class="box box-{{who}}" data-n="{{n}}" data-who="{{who}}">box {{n}}</view>',
  js: `
Component({
  props: { who: '?' },
  data: { n: 0 },
  onInit() {
    this.setData({ n: 5 });
    this.createSelectorQuery().select('.box-' + this.props.who).fields({ dataset: true }).exec((res) => {
      console.log('onInit query', this.props.who, JSON.stringify(res[0] && res[0].dataset));
    });
  },
  didMount() {
    console.log('didMount', this.props.who);
    this.createSelectorQuery().select('.box-' + this.props.who).boundingClientRect().exec((res) => {
      console.log('didMount query', this.props.who, JSON.stringify(res[0] && res[0].dataset));
    });
  },
});`,
});

describe('selector queries wait for the render they measure', () => {
  it('answers a component that measures itself in onInit once it has rendered, and in didMount at once', async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<measure who="a"/><measure a:if="{{later}}" who="b"/>',
        json: { usingComponents: { measure: '/components/measure/measure' } },
        js: `Page({ onLoad() { my.on('e2e:setData', (d) => this.setData(d)); } });`,
      }),
      ...measure,
    });
    expect(logLines(app)).toEqual(['didMount a', 'onInit query a {"n":5,"who":"a"}', 'didMount query a {"n":5,"who":"a"}']);

    // A component created long after the page was ready waits for its own render too.
    await app.emit('e2e:setData', { later: true });
    expect(logLines(app).slice(3)).toEqual(['didMount b', 'onInit query b {"n":5,"who":"b"}', 'didMount query b {"n":5,"who":"b"}']);
    expect(app.errors).toEqual([]);
  });

  it("answers a page's onLoad query once its first frame is built, its components' nodes included", async () => {
    const app = await launchProject({
      ...page('pages/index/index', {
        axml: '<view id="title" data-t="{{title}}">{{title}}</view><measure who="c"/>',
        json: { usingComponents: { measure: '/components/measure/measure' } },
        js: `
Page({
  onLoad() {
    this.setData({ title: 'hello' });
    my.createSelectorQuery().select('#title').fields({ dataset: true }).selectAll('.box').fields({ dataset: true }).exec((res) => {
      console.log('onLoad query', JSON.stringify(res));
    });
  },
  onReady() { console.log('onReady'); },
});`,
      }),
      ...measure,
    });
    const lines = logLines(app);
    expect(lines).toContain('onLoad query [{"dataset":{"t":"hello"}},[{"dataset":{"n":5,"who":"c"}}]]');
    expect(lines.indexOf('onLoad query [{"dataset":{"t":"hello"}},[{"dataset":{"n":5,"who":"c"}}]]')).toBeGreaterThan(lines.indexOf('didMount c'));
  });

  it('answers a query after the setData that the same task made before it (mini-ali-ui swipe-action)', async () => {
    const app = await launchProject({
      ...page('pages/index/index', { axml: '<late/>', json: { usingComponents: { late: '/components/late/late' } } }),
      ...component('components/late/late', {
        axml: '<view a:if="{{shown}}" class="late-{{$id}}" data-k="v">late</view>',
        js: `
Component({
  data: { shown: false },
  didMount() {
    this.setData({ shown: true });
    my.createSelectorQuery().select('.late-' + this.$id).fields({ dataset: true }).exec((res) => console.log('measured', JSON.stringify(res)));
  },
});`,
      }),
    });
    expect(logLines(app)).toEqual(['measured [{"dataset":{"k":"v"}}]']);
    expect(app.errors).toEqual([]);
  });
});
