export default definePageConfig({ navigationBarTitleText: '社的联系人' })
