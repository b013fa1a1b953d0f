export default definePageConfig({ navigationBarTitleText: '调解员名册', enablePullDownRefresh: true })
