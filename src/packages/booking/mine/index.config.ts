export default definePageConfig({ navigationBarTitleText: '我的办事', enablePullDownRefresh: true })
