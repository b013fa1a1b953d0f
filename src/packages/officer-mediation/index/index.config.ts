export default definePageConfig({ navigationBarTitleText: '矛盾纠纷化解', enablePullDownRefresh: true })
