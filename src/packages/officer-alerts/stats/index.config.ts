export default definePageConfig({ navigationBarTitleText: '谁看了、谁知道了', enablePullDownRefresh: true })
