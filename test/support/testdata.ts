import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root, two folders above this file. */
export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The shared public conformance suites, read in place and never copied into the repo. */
export const sharedTestdata = resolve(projectRoot, '../shared/testdata')

/** The path of a file or folder inside the shared suites; throws a clear error when the suites are missing. */
export function testdataPath(...parts: string[]): string {
  const path = join(sharedTestdata, ...parts)
  if (!existsSync(path)) throw new Error(`shared test data not found: ${path} (expected ../shared/testdata beside the repo)`)
  return path
}
