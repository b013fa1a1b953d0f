export default definePageConfig({ navigationBarTitleText: '代办和上门', enablePullDownRefresh: true })
