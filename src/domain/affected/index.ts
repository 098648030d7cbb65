/** Affected devices: vendor, product and version-range matching of a hospital's devices against advisories and findings. */
export * from './model.js'
export * from './vendors.js'
export * from './products.js'
export * from './version-ranges.js'
export * from './match.js'
export * from './guidance.js'
export * from './summary.js'
