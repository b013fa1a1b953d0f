export default definePageConfig({ navigationBarTitleText: '住的人' })
