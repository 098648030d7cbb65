import { useState, type FormEvent } from 'react'
import type { AdvisoryContent } from '../../../domain/csaf/advisory-content.js'
import { api, ApiError } from '../../api.js'
import { useApi } from '../../useApi.js'

interface Product {
  id: string
  name: string
  tlp: string
  versions: { id: string; version: string }[]
}

/** The CSAF 2.0 label a product's TLP 2.0 label becomes (AMBER+STRICT: the stricter RED), as the server does. */
function csafTlp(label: string): AdvisoryContent['tlp'] {
  return label === 'CLEAR' || label === 'GREEN' || label === 'AMBER' || label === 'RED' ? label : 'RED'
}

/**
 * "Generate from findings": pick a product, its versions, the vulnerabilities (decided ones, every finding, or a
 * list), category and TLP; the server builds a draft advisory from the findings and triage decisions.
 */
export function GenerateFromFindings({ orgId, onGenerated, onCancel }: { orgId: string; onGenerated: (advisoryId: string) => void; onCancel: () => void }) {
  const { data: products, error } = useApi<Product[]>(`/api/orgs/${orgId}/products`)
  const [productId, setProductId] = useState('')
  const [versionIds, setVersionIds] = useState<string[]>([])
  const [category, setCategory] = useState<AdvisoryContent['category']>('csaf_security_advisory')
  const [tlp, setTlp] = useState<AdvisoryContent['tlp']>('CLEAR')
  const [include, setInclude] = useState<'decided' | 'all' | 'listed'>('decided')
  const [listed, setListed] = useState('')
  const [title, setTitle] = useState('')
  const [problem, setProblem] = useState('')
  const [busy, setBusy] = useState(false)
  const product = products?.find((p) => p.id === productId)

  const choose = (id: string) => {
    setProductId(id)
    setVersionIds([])
    const chosen = products?.find((p) => p.id === id)
    if (chosen) setTlp(csafTlp(chosen.tlp))
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setProblem('')
    setBusy(true)
    try {
      const vulnerabilities = listed.split(/[\s,;]+/).filter(Boolean)
      const created = await api<{ id: string }>('POST', `/api/orgs/${orgId}/advisories/generate`, {
        productId,
        category,
        tlp,
        ...(versionIds.length > 0 ? { productVersionIds: versionIds } : {}),
        ...(include === 'listed' ? { vulnerabilities } : { include }),
        ...(title.trim() ? { title: title.trim() } : {}),
      })
      onGenerated(created.id)
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="card form-grid" onSubmit={submit} aria-labelledby="generate-heading">
      <h2 id="generate-heading">Generate from findings</h2>
      <p className="wide muted">
        Builds a draft from the product's findings and their triage decisions: status per version (affected, not affected with its justification, fixed, under investigation), remediations from the responses, CVSS scores and
        references from the knowledge base. Edit it before publishing.
      </p>
      {error && <p className="wide error">{error}</p>}
      <label>
        Product
        <select value={productId} required onChange={(e) => choose(e.target.value)}>
          <option value="">Choose a product</option>
          {(products ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Category
        <select value={category} onChange={(e) => setCategory(e.target.value as AdvisoryContent['category'])}>
          <option value="csaf_security_advisory">Security advisory</option>
          <option value="csaf_vex">VEX</option>
        </select>
      </label>
      <label>
        TLP
        <select value={tlp} onChange={(e) => setTlp(e.target.value as AdvisoryContent['tlp'])}>
          {(['CLEAR', 'GREEN', 'AMBER', 'RED'] as const).map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      {product && (
        <fieldset className="scope wide">
          <legend>Versions (none checked: every version)</legend>
          {product.versions.map((v) => (
            <label key={v.id} className="check">
              <input type="checkbox" checked={versionIds.includes(v.id)} onChange={(e) => setVersionIds(e.target.checked ? [...versionIds, v.id] : versionIds.filter((id) => id !== v.id))} /> {v.version}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset className="scope wide">
        <legend>Vulnerabilities</legend>
        <label className="check">
          <input type="radio" name="include" checked={include === 'decided'} onChange={() => setInclude('decided')} /> every one with a triage decision
        </label>
        <label className="check">
          <input type="radio" name="include" checked={include === 'all'} onChange={() => setInclude('all')} /> every finding (untriaged: under investigation)
        </label>
        <label className="check">
          <input type="radio" name="include" checked={include === 'listed'} onChange={() => setInclude('listed')} /> only these ids or aliases
        </label>
        {include === 'listed' && (
          <label>
            Vulnerability ids
            <input value={listed} required placeholder="CVE-2021-44228, GHSA-…" onChange={(e) => setListed(e.target.value)} />
          </label>
        )}
      </fieldset>
      <label className="wide">
        Title (optional)
        <input value={title} placeholder="Generated from the product and its vulnerabilities" onChange={(e) => setTitle(e.target.value)} />
      </label>
      <div className="wide">
        <button type="submit" disabled={busy || !productId}>
          {busy ? 'Generating…' : 'Generate draft'}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {problem && (
        <p className="wide error" role="alert">
          {problem}
        </p>
      )}
    </form>
  )
}
