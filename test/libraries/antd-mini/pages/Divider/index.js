import { demoPage } from '../../utils/demo';

const parts = [];

Page(demoPage(parts, []));
