// babel-preset-taro is the one Babel setup for Taro builds and for jest (babel-jest).
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', useBuiltIns: process.env.TARO_ENV === 'h5' ? 'usage' : false }],
  ],
}
