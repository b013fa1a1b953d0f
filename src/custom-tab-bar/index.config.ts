// WeChat loads custom-tab-bar/index as a component. The bar is far shallower than base.wxml's template levels, so it
// never needs Taro's `comp` helper (declaring it here would add a template per level to base.wxml).
export default { component: true }
