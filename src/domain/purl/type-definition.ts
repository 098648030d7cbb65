/** The machine-readable rules of one registered purl type, taken from its purl-spec type definition. */
export interface PurlTypeDefinition {
  readonly type: string
  readonly namespace: 'required' | 'optional' | 'prohibited'
  readonly namespaceLowercase: boolean
  readonly nameLowercase: boolean
  readonly versionLowercase: boolean
  readonly requiredQualifiers: readonly string[]
  readonly namespacePattern?: string
  readonly namePattern?: string
  readonly versionPattern?: string
}
