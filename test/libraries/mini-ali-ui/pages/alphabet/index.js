import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      alphabet: [
        'A',
        'B',
        'C',
        'D',
        'E',
        'F',
        'G',
        'H',
        'I',
        'J',
        'K',
        'L',
        'M',
        'N',
        'O',
        'P',
        'Q',
        'R',
        'S',
        'T',
        'U',
        'V',
        'W',
        'X',
        'Y',
        'Z',
      ],
    },
    onAlphabetClick(ev) {
      my.alert({
        content: JSON.stringify(ev.data),
      });
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["onAlphabetClick"]));
