import { useState, type FormEvent } from 'react'
import { scoreCvssVector, type RubricAnswer } from '../../domain/cvss/index.js'
import { api, ApiError, type MyOrganization } from '../api.js'
import { navigate } from '../router.js'
import { useApi } from '../useApi.js'
import type { Assessment } from '../scoring.js'
import { SeverityBadge } from './SeverityBadge.js'

interface Product {
  readonly id: string
  readonly name: string
  readonly versions: readonly { readonly id: string; readonly version: string }[]
}

/**
 * Records a new assessment: the vulnerability, an optional product version, and either a CVSS vector (checked as
 * it is typed) or the rubric's answers; opens the assessment once saved.
 */
export function NewAssessmentForm({ org, initialVector = '', rubricAnswers, rubricVector }: {
  org: MyOrganization
  initialVector?: string
  rubricAnswers?: Readonly<Record<string, RubricAnswer>>
  rubricVector?: string
}) {
  const products = useApi<Product[]>(`/api/orgs/${org.id}/products`)
  const [vulnerabilityId, setVulnerabilityId] = useState('')
  const [title, setTitle] = useState('')
  const [productId, setProductId] = useState('')
  const [version, setVersion] = useState('')
  const [vector, setVector] = useState(initialVector)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const product = products.data?.find((p) => p.id === productId)
  const scored = vector.trim() ? scoreCvssVector(vector.trim()) : undefined

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setError('')
    setBusy(true)
    try {
      const created = await api<Assessment>('POST', `/api/orgs/${org.id}/assessments`, {
        vulnerabilityId,
        ...(title.trim() ? { title } : {}),
        ...(productId ? { productId } : {}),
        ...(productId && version ? { version } : {}),
        ...(rubricAnswers ? { rubricAnswers } : vector.trim() ? { cvssVector: vector.trim() } : {}),
      })
      navigate(`/risk/assessments/${created.id}`)
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err))
      setBusy(false)
    }
  }

  return (
    <form className="form-grid" onSubmit={submit} aria-label="New assessment">
      <label>
        Vulnerability (CVE id or name)
        <input required maxLength={200} value={vulnerabilityId} onChange={(e) => setVulnerabilityId(e.target.value)} placeholder="CVE-2026-12345" />
      </label>
      <label>
        Title
        <input maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What is wrong, in a few words" />
      </label>
      <label>
        Product
        <select value={productId} onChange={(e) => (setProductId(e.target.value), setVersion(''))}>
          <option value="">(none)</option>
          {products.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Version
        <select value={version} onChange={(e) => setVersion(e.target.value)} disabled={!product}>
          <option value="">(any)</option>
          {product?.versions.map((v) => (
            <option key={v.id} value={v.version}>
              {v.version}
            </option>
          ))}
        </select>
      </label>
      {rubricAnswers ? (
        <p className="wide">
          CVSS vector from the rubric: <code>{rubricVector}</code>
        </p>
      ) : (
        <label className="wide">
          CVSS vector (optional)
          <input value={vector} onChange={(e) => setVector(e.target.value)} spellCheck={false} placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" />
          {scored && (scored.ok ? (
            <span>
              {scored.value.score.toFixed(1)} <SeverityBadge severity={scored.value.severity} />
            </span>
          ) : (
            <span className="error">{scored.error.message}</span>
          ))}
        </label>
      )}
      <div>
        <button type="submit" disabled={busy || (scored !== undefined && !scored.ok && !rubricAnswers)}>
          Save assessment
        </button>
      </div>
      {error && (
        <p className="error wide" role="alert">
          {error}
        </p>
      )}
    </form>
  )
}
