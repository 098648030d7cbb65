import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SourceDocument, SourceListing } from './sources.js'

/** The NVD API's longest lastModified range. */
export const NVD_MAX_WINDOW_DAYS = 120
/** The NVD API's largest page. */
export const NVD_MAX_PAGE = 2000

const DAY_MS = 86_400_000

/** Whether a URL is the NVD CVE API 2.0 (`.../rest/json/cves/2.0`, any host: tests serve it locally). */
export function isNvdApiUrl(location: string): boolean {
  if (!/^https?:\/\//i.test(location)) return false
  try {
    return /\/rest\/json\/cves\/2\.0\/?$/.test(new URL(location).pathname)
  } catch {
    return false
  }
}

/** A lastModified window of the NVD API. */
export interface NvdWindow {
  readonly start: Date
  readonly end: Date
}

/** Splits [start, end] into consecutive windows of at most `maxDays` (the NVD API refuses longer ranges). */
export function nvdWindows(start: Date, end: Date, maxDays = NVD_MAX_WINDOW_DAYS): NvdWindow[] {
  const out: NvdWindow[] = []
  for (let from = start.getTime(); from < end.getTime(); from += maxDays * DAY_MS) {
    out.push({ start: new Date(from), end: new Date(Math.min(from + maxDays * DAY_MS, end.getTime())) })
  }
  return out
}

// Extended ISO 8601 with an explicit offset, as the NVD API documents it (`2021-08-04T13:00:00.000+00:00`).
const nvdDate = (date: Date) => date.toISOString().replace(/Z$/, '+00:00')

/** The base URL with one window's lastModStartDate/lastModEndDate (any earlier dates and page index removed). */
export function windowUrl(base: string, window: NvdWindow): string {
  const url = new URL(base)
  for (const name of ['lastModStartDate', 'lastModEndDate', 'startIndex']) url.searchParams.delete(name)
  url.searchParams.set('lastModStartDate', nvdDate(window.start))
  url.searchParams.set('lastModEndDate', nvdDate(window.end))
  return url.toString()
}

/** The base of an NVD API URL: without dates and page index (the key of its incremental state). */
export function nvdBaseUrl(location: string): string {
  const url = new URL(location)
  for (const name of ['lastModStartDate', 'lastModEndDate', 'startIndex']) url.searchParams.delete(name)
  return url.toString()
}

/** Options of the page reader. */
export interface NvdPageOptions {
  readonly fetchImpl?: typeof fetch
  /** Pause between requests; the NVD asks for about 6 s without an API key (default: 6 s for nvd.nist.gov, else 0). */
  readonly pageDelayMs?: number
  /** Sent as the `apiKey` header (default: MEDSEC_NVD_API_KEY). */
  readonly apiKey?: string
}

/**
 * Downloads every page of one NVD API 2.0 query (startIndex paging, resultsPerPage from the URL or 2000) into
 * temporary files, one document per page, in a stable order so that an interrupted import of the same URL resumes by
 * position. The query itself (dates, filters) is the URL's.
 */
export async function openNvdApiPages(location: string, options: NvdPageOptions = {}): Promise<SourceListing> {
  const fetchImpl = options.fetchImpl ?? fetch
  const url = new URL(location)
  const perPage = Math.min(Number(url.searchParams.get('resultsPerPage') ?? NVD_MAX_PAGE) || NVD_MAX_PAGE, NVD_MAX_PAGE)
  const delay = options.pageDelayMs ?? (/(^|\.)nvd\.nist\.gov$/i.test(url.hostname) ? 6000 : 0)
  const apiKey = options.apiKey ?? process.env.MEDSEC_NVD_API_KEY
  const headers: Record<string, string> = { 'user-agent': 'medsec-kb', ...(apiKey ? { apiKey } : {}) }
  const dir = await mkdtemp(join(tmpdir(), 'medsec-nvd-'))
  const documents: SourceDocument[] = []
  try {
    let startIndex = 0
    for (let page = 0; ; page++) {
      if (page > 0 && delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
      url.searchParams.set('resultsPerPage', String(perPage))
      url.searchParams.set('startIndex', String(startIndex))
      const response = await fetchImpl(url, { headers })
      if (!response.ok) throw new Error(`GET ${url.toString()} answered ${response.status}${response.headers.get('message') ? ` (${response.headers.get('message')})` : ''}`)
      const text = await response.text()
      const body = JSON.parse(text) as { totalResults?: unknown; vulnerabilities?: unknown }
      const count = Array.isArray(body.vulnerabilities) ? body.vulnerabilities.length : 0
      const total = typeof body.totalResults === 'number' ? body.totalResults : 0
      const file = join(dir, `page-${String(page).padStart(5, '0')}.json`)
      await writeFile(file, text)
      const name = `${url.toString()}`
      documents.push({ kind: 'json', name, read: async () => JSON.parse(await readFile(file, 'utf8')) as unknown })
      startIndex += count
      if (count === 0 || startIndex >= total) break
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { location, documents, etag: null, lastModified: null, notModified: false, cleanup: () => rm(dir, { recursive: true, force: true }) }
}
