import { demoPage } from '../../utils/demo';

const parts = [];

(function (Page) {
  Page({
    data: {
      defaultFileList: [{ url: 'https://gw.alipayobjects.com/mdn/rms_226d75/afts/img/A*znK_ToIL8rQAAAAAAAAAAAAAARQnAQ', status: 'done' }],
    },
    onChange(fileList) {
      console.log('图片列表：', fileList);
    },
    onPreview(file) {
      console.log('preview', file);
    },
    onUpload(file) {
      return new Promise((resolve) => {
        console.log('上传的图片为：', file);
        setTimeout(() => {
          resolve(
            'https://gw.alipayobjects.com/mdn/rms_226d75/afts/img/A*5m0ZQYhxhjEAAAAAAAAAAAAAARQnAQ'
          );
        }, 2000);
      });
    },
    onBeforeUpload(localFileList) {
      console.log('即将上传的图片列表为：', localFileList);
      localFileList = localFileList.filter((item) => item.size < 10000);
      console.log('修改上传的图片列表为：', localFileList);
      return localFileList;
    },
  });
})((options) => parts.push(options));

(function (Page) {
  Page({
    data: {
      fileList: [{ url: 'https://gw.alipayobjects.com/mdn/rms_226d75/afts/img/A*znK_ToIL8rQAAAAAAAAAAAAAARQnAQ', status: 'done' }],
    },
    onUpload(file) {
      return new Promise((resolve) => {
        console.log('上传的图片为：', file);
        setTimeout(() => {
          resolve(
            'https://gw.alipayobjects.com/mdn/rms_226d75/afts/img/A*5m0ZQYhxhjEAAAAAAAAAAAAAARQnAQ'
          );
        }, 2000);
      });
    },
    handleControlledChange(fileList) {
      this.setData({
        fileList,
      });
    },
    handleUploaderRef(ref) {
      console.log('handleUploaderRef', ref);
      this.handleUploaderRef = ref;
    },
    upload() {
      this.handleUploaderRef.chooseImage();
    },
  });
})((options) => parts.push(options));

Page(demoPage(parts, ["handleControlledChange","onBeforeUpload","onChange","onPreview","onUpload","upload"]));
