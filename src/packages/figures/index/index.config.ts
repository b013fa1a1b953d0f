export default definePageConfig({ navigationBarTitleText: '本所数字', enablePullDownRefresh: true })
