export default definePageConfig({ navigationBarTitleText: '东西被偷了' })
