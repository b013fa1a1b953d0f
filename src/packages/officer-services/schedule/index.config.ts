export default definePageConfig({ navigationBarTitleText: '办公时间设置' })
