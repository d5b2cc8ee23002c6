import enUS from 'antd-mini/es/_locale/en-US';

Page({
  data: {
    themeVars: { 'button-primary-background-color': '#FF3141', 'button-primary-border-color': '#FF3141' },
    locale: enUS,
  },
});
