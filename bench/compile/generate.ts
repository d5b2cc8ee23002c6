/**
 * A synthetic mini-program for the compile benchmark: N pages, each using two of M components,
 * with loops, conditions, events, rpx styles and a little logic importing a shared module.
 */

import fs from 'node:fs';
import path from 'node:path';

export interface GeneratedProject {
  dir: string;
  pages: string[];
  components: string[];
}

function write(dir: string, file: string, content: string): void {
  const target = path.join(dir, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}

export function pageTemplate(i: number, marker = ''): string {
  return `<view class="page">
  <view class="header" a:if="{{show}}">{{title}}${marker}</view>
  <view a:else>hidden</view>
  <view a:for="{{items}}" a:key="id" class="row {{item.done ? 'done' : ''}}" onTap="onTap" data-id="{{item.id}}">
    <item-card title="{{item.name}}" count="{{index}}" />
    <text a:if="{{item.price > 10}}" class="price">{{item.price}}</text>
    <text a:elif="{{item.price > 5}}">cheap</text>
  </view>
  <badge count="{{items.length}}">page ${i}</badge>
</view>
`;
}

export function pageStyle(i: number, padding = 20): string {
  return `.page { padding: ${padding}rpx; }\n.row { margin: 10rpx 0; display: flex; }\n.done { opacity: .5 }\n.price-${i} { color: #f40; }\n`;
}

export function pageLogic(i: number, salt = 0): string {
  return `import { format, total } from '../../utils/format';

Page({
  data: {
    title: 'Page ${i}',
    show: true,
    items: [1, 2, 3, 4, 5].map((n) => ({ id: n, name: format('item', n + ${salt}), price: n * 3, done: n % 2 === 0 })),
  },
  onLoad(query) {
    this.setData({ sum: total(this.data.items) });
  },
  onTap(event) {
    this.setData({ show: !this.data.show, tapped: event.currentTarget.dataset.id });
  },
});
`;
}

export function generateProject(dir: string, pageCount = 200, componentCount = 20): GeneratedProject {
  const pages = Array.from({ length: pageCount }, (_, i) => `pages/p${i}/p${i}`);
  const components = Array.from({ length: componentCount }, (_, j) => `components/c${j}/c${j}`);
  write(dir, 'mini.project.json', JSON.stringify({ format: 2, developOptions: { sourcemap: true } }, null, 2));
  write(dir, 'app.json', JSON.stringify({ pages, window: { defaultTitle: 'Bench' } }, null, 2));
  write(dir, 'app.js', "App({ onLaunch() { this.started = Date.now(); } });\n");
  write(dir, 'app.acss', 'page { background: #f7f7f7; font-size: 28rpx; }\n.hidden { display: none; }\n');
  write(
    dir,
    'utils/format.js',
    'export function format(label, n) { return `${label} #${n}`; }\nexport function total(items) { return items.reduce((s, i) => s + i.price, 0); }\n',
  );
  components.forEach((id, j) => {
    write(dir, `${id}.json`, JSON.stringify({ component: true }));
    write(dir, `${id}.js`, `Component({ props: { title: '', count: 0 }, data: { open: false }, methods: { toggle() { this.setData({ open: !this.data.open }); } } });\n`);
    write(dir, `${id}.axml`, `<view class="card-${j}" onTap="toggle">\n  <text>{{title}}</text>\n  <text a:if="{{open}}">{{count}}</text>\n  <slot />\n</view>\n`);
    write(dir, `${id}.acss`, `.card-${j} { border: 1rpx solid #ddd; border-radius: 8rpx; padding: 12rpx; }\n`);
  });
  pages.forEach((id, i) => {
    const usingComponents = { 'item-card': `/${components[i % componentCount]}`, badge: `/${components[(i + 1) % componentCount]}` };
    write(dir, `${id}.json`, JSON.stringify({ defaultTitle: `Page ${i}`, usingComponents }, null, 2));
    write(dir, `${id}.js`, pageLogic(i));
    write(dir, `${id}.axml`, pageTemplate(i));
    write(dir, `${id}.acss`, pageStyle(i));
  });
  return { dir, pages, components };
}
