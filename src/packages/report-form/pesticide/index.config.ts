export default definePageConfig({ navigationBarTitleText: '举报假农药' })
