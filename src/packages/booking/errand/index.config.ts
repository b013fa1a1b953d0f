export default definePageConfig({ navigationBarTitleText: '代办', enablePullDownRefresh: true })
