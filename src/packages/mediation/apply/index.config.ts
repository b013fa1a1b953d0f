export default definePageConfig({ navigationBarTitleText: '有矛盾找我们' })
