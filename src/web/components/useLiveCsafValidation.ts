import { useEffect, useRef, useState } from 'react'
import type { AdvisoryCatalogueEntry, AdvisoryContent, AdvisoryMeta } from '../../domain/csaf/advisory-content.js'
import type { CsafReport } from '../../domain/csaf/types.js'

type Checker = typeof import('../../domain/csaf/advisory-check.js')

// The validator (the generated schema code and the CSAF tests, a few hundred kB) loads on first use as its own chunk,
// so pages without an editor do not download it. It compiles nothing at run time, so the UI's CSP needs no
// 'unsafe-eval' (docs/adr/0043-csaf-standalone-validator.md).
let checker: Promise<Checker> | undefined
function loadChecker(): Promise<Checker> {
  checker ??= import('../../domain/csaf/advisory-check.js')
  return checker
}

/** How long the editor waits after the last change before validating again. */
export const liveValidationDelayMs = 300

/**
 * Validates an advisory's unsaved content in the browser as the author types (debounced), with the same builder and
 * full validator the server runs on save. Undefined until the first result.
 */
export function useLiveCsafValidation(content: AdvisoryContent | null, catalogue: readonly AdvisoryCatalogueEntry[] | undefined, meta: AdvisoryMeta | undefined): CsafReport | undefined {
  const [report, setReport] = useState<CsafReport | undefined>(undefined)
  // The first result comes at once; later ones wait until the author pauses.
  const validated = useRef(false)
  useEffect(() => {
    if (!content || !catalogue || !meta) return
    let current = true
    const timer = setTimeout(() => {
      loadChecker()
        .then(({ checkAdvisoryContent }) => {
          if (!current) return
          setReport(checkAdvisoryContent(content, catalogue, meta, new Date().toISOString()))
          validated.current = true
        })
        .catch((e: unknown) => current && setReport({ valid: false, errors: [{ test: 'validator', path: '/', message: `the validator did not load: ${e instanceof Error ? e.message : String(e)}` }], warnings: [], infos: [] }))
    }, validated.current ? liveValidationDelayMs : 0)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [content, catalogue, meta])
  return report
}
