export default definePageConfig({ navigationBarTitleText: '同类举报', enablePullDownRefresh: true })
