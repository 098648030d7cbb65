/** The hospital inventory: device fields, CSV and column mapping, FHIR R4 Device, import planning and product linking. */
export * from './fields.js'
export * from './normalize.js'
export * from './csv.js'
export * from './mapping.js'
export * from './fhir.js'
export * from './import-plan.js'
export * from './linking.js'
