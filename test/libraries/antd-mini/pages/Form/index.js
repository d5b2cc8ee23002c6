import { Form } from 'antd-mini/es/Form/form';

Page({
  data: { result: '' },
  onLoad() {
    // API → Form (rules), with the rules example of the docs.
    this.form = new Form({
      rules: {
        account: [{ required: true, message: '需要输入用户名' }],
        password: [{ required: true }],
        confirm: [
          { required: true, message: '需要输入确认密码' },
          (form) => ({
            async validator(_, value) {
              if (!value || form.getFieldValue('password') === value) {
                return;
              }
              throw new Error('两次密码需一致');
            },
          }),
        ],
      },
    });
  },
  handleRef(ref) {
    this.form.addItem(ref);
  },
  async handleSubmit() {
    try {
      const values = await this.form.submit();
      this.setData({ result: `submitted ${JSON.stringify(values)}` });
    } catch (error) {
      this.setData({ result: 'invalid' });
    }
  },
});
