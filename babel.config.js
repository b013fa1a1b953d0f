// babel-preset-taro is the one Babel setup for Taro builds and for jest (babel-jest).
const h5 = process.env.TARO_ENV === 'h5'
// On h5 the preset uses transform-runtime with core-js 3 but names @babel/runtime's version; when
// @babel/runtime-corejs3 is older (7.29.14 vs 7.29.15 here) helpers it lacks (callSpread) break the build.
const corejsRuntime = h5
  ? require(require.resolve('@babel/runtime-corejs3/package.json', { paths: [require.resolve('babel-preset-taro')] })).version
  : undefined
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: h5 ? 'usage' : false, ...(h5 ? { version: corejsRuntime } : {}) }],
  ],
}
