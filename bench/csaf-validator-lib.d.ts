// Types for the parts of @secvisogram/csaf-validator-lib 2.0.10 the CSAF benchmark uses (the package ships JS only).
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  export const csaf_2_0: (doc: unknown) => unknown
  export const csaf_2_0_strict: (doc: unknown) => unknown
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  const tests: Record<string, (doc: unknown) => unknown>
  export = tests
}
declare module '@secvisogram/csaf-validator-lib/validate.js' {
  export default function validate(tests: ReadonlyArray<(doc: unknown) => unknown>, doc: unknown): Promise<{ isValid: boolean }>
}
