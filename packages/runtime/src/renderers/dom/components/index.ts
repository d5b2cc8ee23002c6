/** Built-in component tag → the module that renders it. Tags not listed render as `unknownTag`. */

import type { ComponentFactory } from '../types.ts';
import { unknownTag, view } from './basic.ts';
import { canvas } from './canvas.ts';
import { checkbox, checkboxGroup, radio, radioGroup, switchControl } from './choice.ts';
import { button, form, label } from './form.ts';
import { icon } from './icon.ts';
import { coverImage, image } from './image.ts';
import { createTextField } from './input.ts';
import { movableArea, movableView } from './movable.ts';
import { navigator } from './navigator.ts';
import { picker } from './picker.ts';
import { pickerView, pickerViewColumn } from './picker-view.ts';
import { progress } from './progress.ts';
import { richText } from './rich-text.ts';
import { scrollView } from './scroll-view.ts';
import { slider } from './slider.ts';
import { swiper, swiperItem } from './swiper.ts';
import { text } from './text.ts';
import { video } from './video.ts';
import { map } from './map.ts';

export const BUILT_INS: Readonly<Record<string, ComponentFactory>> = {
  view,
  'cover-view': view,
  text,
  image,
  'cover-image': coverImage,
  icon,
  progress,
  'rich-text': richText,
  navigator,
  button,
  form,
  label,
  input: (ctx) => createTextField(ctx, false),
  textarea: (ctx) => createTextField(ctx, true),
  checkbox,
  'checkbox-group': checkboxGroup,
  radio,
  'radio-group': radioGroup,
  switch: switchControl,
  slider,
  picker,
  'picker-view': pickerView,
  'picker-view-column': pickerViewColumn,
  'scroll-view': scrollView,
  'movable-area': movableArea,
  'movable-view': movableView,
  canvas,
  swiper,
  'swiper-item': swiperItem,
  video,
  map,
};

export { unknownTag };
