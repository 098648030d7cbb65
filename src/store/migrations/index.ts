import type { Kysely } from 'kysely'
import * as foundation from './0001-foundation.js'
import * as scoring from './0002-scoring.js'
import * as mds2 from './0003-mds2.js'
import * as kb from './0004-kb.js'
import * as sharing from './0005-sharing.js'
import * as disclosure from './0006-disclosure.js'
import * as fleet from './0007-fleet.js'
import * as sbom from './0008-sbom.js'
import * as advisories from './0009-advisories.js'
import * as findings from './0010-findings.js'
import * as findingKeys from './0012-finding-keys.js'
import * as fleetRisk from './0015-fleet-risk.js'
import * as sharingSecrets from './0016-sharing-secrets.js'
import * as disclosureLinks from './0017-disclosure-links.js'
import * as kbGeneration from './0018-kb-generation.js'
import * as fleetGeneration from './0019-fleet-generation.js'
import * as kbImport from './0020-kb-import.js'

/** A forward-only migration, identified by its number. */
export interface Migration {
  readonly id: number
  readonly name: string
  readonly up: (db: Kysely<unknown>) => Promise<void>
}

/** Every migration in order; append new ones, never edit or reorder applied ones. */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'foundation', up: foundation.up },
  { id: 2, name: 'scoring', up: scoring.up },
  { id: 3, name: 'mds2', up: mds2.up },
  { id: 4, name: 'kb', up: kb.up },
  { id: 5, name: 'sharing', up: sharing.up },
  { id: 6, name: 'disclosure', up: disclosure.up },
  { id: 7, name: 'fleet', up: fleet.up },
  { id: 8, name: 'sbom', up: sbom.up },
  { id: 9, name: 'advisories', up: advisories.up },
  { id: 10, name: 'findings', up: findings.up },
  { id: 12, name: 'finding-keys', up: findingKeys.up },
  { id: 15, name: 'fleet-risk', up: fleetRisk.up },
  { id: 16, name: 'sharing-secrets', up: sharingSecrets.up },
  { id: 17, name: 'disclosure-links', up: disclosureLinks.up },
  { id: 18, name: 'kb-generation', up: kbGeneration.up },
  { id: 19, name: 'fleet-generation', up: fleetGeneration.up },
  { id: 20, name: 'kb-import', up: kbImport.up },
]
