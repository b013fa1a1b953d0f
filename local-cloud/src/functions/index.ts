export * from './runtime'
