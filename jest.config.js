// Test layers (see DESIGN.md "Tests, in layers"); each is a jest project named after its folder.
const moduleNameMapper = {
  '^@contract$': '<rootDir>/cloudfunctions/common/contract/index.ts',
  '^@contract/(.*)$': '<rootDir>/cloudfunctions/common/contract/$1',
  '^@domain/(.*)$': '<rootDir>/cloudfunctions/common/domain/$1',
  '^@server/(.*)$': '<rootDir>/cloudfunctions/common/server/$1',
  '^@/(.*)$': '<rootDir>/src/$1',
}
const base = {
  rootDir: __dirname,
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
}
// Layers that start a local cloud, a browser or the compiled mini-program get a longer per-test timeout.
const slow = { setupFilesAfterEnv: ['<rootDir>/test/support/slow.ts'] }

// The weapp layer shares one seeded local cloud, started outside its jsdom environment.
const sharedCloud = { globalSetup: '<rootDir>/test/support/cloudGlobalSetup.ts', globalTeardown: '<rootDir>/test/support/cloudGlobalTeardown.ts' }

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testEnvironment: 'node', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'components',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/test/components/stubs/components.tsx',
        '^@tarojs/taro$': '<rootDir>/test/components/stubs/taro.ts',
        '\\.(css|scss)$': '<rootDir>/test/components/stubs/style.ts',
        ...moduleNameMapper,
      },
    },
    { ...base, ...slow, displayName: 'local-cloud', testEnvironment: 'node', testMatch: ['<rootDir>/test/local-cloud/**/*.test.ts'] },
    { ...base, ...slow, displayName: 'functions', testEnvironment: 'node', testMatch: ['<rootDir>/test/functions/**/*.test.ts'] },
    // Every action × every caller, fuzzing, races and crashes: generated from the contract, so new actions join it.
    { ...base, ...slow, displayName: 'security', testEnvironment: 'node', testMatch: ['<rootDir>/test/security/**/*.test.ts'] },
    { ...base, ...slow, ...sharedCloud, displayName: 'weapp', testEnvironment: 'jsdom', testMatch: ['<rootDir>/test/weapp/**/*.test.ts'] },
    { ...base, ...slow, displayName: 'e2e', testEnvironment: 'node', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
  ],
}
