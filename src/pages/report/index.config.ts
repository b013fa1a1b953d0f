export default definePageConfig({ navigationBarTitleText: '举报', enablePullDownRefresh: true })
