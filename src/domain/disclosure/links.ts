/** A finding linked to a case, with what a reader needs to recognise it. */
export interface LinkedFinding {
  readonly id: string
  readonly vulnerabilityId: string
  readonly componentName: string
  readonly componentVersion: string | null
  readonly status: string
  readonly productId: string
  readonly productName: string
  readonly productVersionId: string
  readonly version: string
}

/** An advisory linked to a case; `id` is null when the linked draft has since been deleted. */
export interface LinkedAdvisory {
  readonly id: string | null
  readonly trackingId: string
  readonly title: string | null
  readonly status: string | null
  readonly published: boolean
}
