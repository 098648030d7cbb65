/** The CVSS versions this module parses and scores. */
export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0'

/** The metric groups of all four versions (temporal for v2/v3, threat and supplemental for v4). */
export type CvssMetricGroup = 'base' | 'temporal' | 'threat' | 'environmental' | 'supplemental'

/** One allowed value of a metric: its code in the vector, its name and a short meaning. */
export interface CvssMetricValue {
  readonly code: string
  readonly name: string
  readonly description: string
}

/** One metric of a version, as data: enough to validate a vector and to render its buttons in a UI. */
export interface CvssMetricDefinition {
  readonly key: string
  readonly name: string
  readonly group: CvssMetricGroup
  readonly mandatory: boolean
  readonly description: string
  /** The code that means "Not Defined" (X, or ND in v2); absent for mandatory metrics. */
  readonly notDefined?: string
  readonly values: readonly CvssMetricValue[]
}

/** One version's vector grammar: its prefix (empty for v2) and its metrics in the canonical vector order. */
export interface CvssVersionDefinition {
  readonly version: CvssVersion
  readonly prefix: string
  readonly metrics: readonly CvssMetricDefinition[]
}

type ValueSpec = readonly [code: string, name: string, description: string]

function metric(
  key: string,
  name: string,
  group: CvssMetricGroup,
  description: string,
  values: readonly ValueSpec[],
  notDefined?: string,
): CvssMetricDefinition {
  const list = values.map(([code, valueName, valueDescription]) => ({ code, name: valueName, description: valueDescription }))
  if (notDefined === undefined) return { key, name, group, mandatory: true, description, values: list }
  return { key, name, group, mandatory: false, description, notDefined, values: list }
}

const notDefinedX: ValueSpec = ['X', 'Not Defined', 'Not set; the score uses the default for this metric.']
const notDefinedND: ValueSpec = ['ND', 'Not Defined', 'Not set; the metric is skipped in the score.']

const v2Impact = (what: string): readonly ValueSpec[] => [
  ['N', 'None', `No impact on ${what}.`],
  ['P', 'Partial', `Considerable but limited impact on ${what}.`],
  ['C', 'Complete', `Total loss of ${what}.`],
]
const v2Requirement = (what: string): readonly ValueSpec[] => [
  ['L', 'Low', `Loss of ${what} has a limited effect on the organisation.`],
  ['M', 'Medium', `Loss of ${what} has a serious effect on the organisation.`],
  ['H', 'High', `Loss of ${what} has a catastrophic effect on the organisation.`],
  notDefinedND,
]

/** CVSS v2.0 (no prefix): base, temporal and environmental metrics in vector order. */
export const cvss2Definition: CvssVersionDefinition = {
  version: '2.0',
  prefix: '',
  metrics: [
    metric('AV', 'Access Vector', 'base', 'How the vulnerability is reached.', [
      ['L', 'Local', 'Needs physical access or a local account.'],
      ['A', 'Adjacent Network', 'Needs access to the same broadcast or collision domain.'],
      ['N', 'Network', 'Reachable remotely over the network.'],
    ]),
    metric('AC', 'Access Complexity', 'base', 'How hard the attack is once the target is reached.', [
      ['H', 'High', 'Specialised conditions exist.'],
      ['M', 'Medium', 'Somewhat specialised conditions exist.'],
      ['L', 'Low', 'No specialised conditions exist.'],
    ]),
    metric('Au', 'Authentication', 'base', 'How many times the attacker must authenticate.', [
      ['M', 'Multiple', 'Two or more authentications are needed.'],
      ['S', 'Single', 'One authentication is needed.'],
      ['N', 'None', 'No authentication is needed.'],
    ]),
    metric('C', 'Confidentiality Impact', 'base', 'Impact on the confidentiality of information.', v2Impact('confidentiality')),
    metric('I', 'Integrity Impact', 'base', 'Impact on the integrity of the system.', v2Impact('integrity')),
    metric('A', 'Availability Impact', 'base', 'Impact on the availability of the system.', v2Impact('availability')),
    metric('E', 'Exploitability', 'temporal', 'The current state of exploit techniques or code.', [
      ['U', 'Unproven', 'No exploit code is known.'],
      ['POC', 'Proof-of-Concept', 'Proof-of-concept code exists.'],
      ['F', 'Functional', 'Functional exploit code exists.'],
      ['H', 'High', 'Exploitation is widespread or automated.'],
      notDefinedND,
    ], 'ND'),
    metric('RL', 'Remediation Level', 'temporal', 'The kind of fix available.', [
      ['OF', 'Official Fix', 'A complete vendor fix is available.'],
      ['TF', 'Temporary Fix', 'An official temporary fix is available.'],
      ['W', 'Workaround', 'An unofficial workaround is available.'],
      ['U', 'Unavailable', 'No fix or workaround is available.'],
      notDefinedND,
    ], 'ND'),
    metric('RC', 'Report Confidence', 'temporal', 'How confirmed the vulnerability report is.', [
      ['UC', 'Unconfirmed', 'A single unconfirmed source.'],
      ['UR', 'Uncorroborated', 'Several unofficial sources, possibly conflicting.'],
      ['C', 'Confirmed', 'Acknowledged by the vendor or reproduced.'],
      notDefinedND,
    ], 'ND'),
    metric('CDP', 'Collateral Damage Potential', 'environmental', 'Potential for loss of life, property or revenue.', [
      ['N', 'None', 'No potential for loss.'],
      ['L', 'Low', 'Slight physical or property damage, or slight loss of revenue.'],
      ['LM', 'Low-Medium', 'Moderate physical or property damage, or moderate loss of revenue.'],
      ['MH', 'Medium-High', 'Significant physical or property damage or loss.'],
      ['H', 'High', 'Catastrophic physical or property damage or loss.'],
      notDefinedND,
    ], 'ND'),
    metric('TD', 'Target Distribution', 'environmental', 'The share of systems that are vulnerable.', [
      ['N', 'None', 'No target systems exist.'],
      ['L', 'Low', '1-25% of the environment is at risk.'],
      ['M', 'Medium', '26-75% of the environment is at risk.'],
      ['H', 'High', '76-100% of the environment is at risk.'],
      notDefinedND,
    ], 'ND'),
    metric('CR', 'Confidentiality Requirement', 'environmental', 'How much confidentiality matters here.', v2Requirement('confidentiality'), 'ND'),
    metric('IR', 'Integrity Requirement', 'environmental', 'How much integrity matters here.', v2Requirement('integrity'), 'ND'),
    metric('AR', 'Availability Requirement', 'environmental', 'How much availability matters here.', v2Requirement('availability'), 'ND'),
  ],
}

const v3AttackVector: readonly ValueSpec[] = [
  ['N', 'Network', 'Exploitable remotely, across routers.'],
  ['A', 'Adjacent', 'Needs the same physical or logical network segment.'],
  ['L', 'Local', 'Needs local access, or a user to open something locally.'],
  ['P', 'Physical', 'Needs physical contact with the device.'],
]
const v3AttackComplexity: readonly ValueSpec[] = [
  ['L', 'Low', 'No special conditions; repeatable at will.'],
  ['H', 'High', 'Depends on conditions beyond the attacker\'s control.'],
]
const v3Privileges: readonly ValueSpec[] = [
  ['N', 'None', 'No authorisation is needed.'],
  ['L', 'Low', 'Basic user privileges are needed.'],
  ['H', 'High', 'Administrative privileges are needed.'],
]
const v3UserInteraction: readonly ValueSpec[] = [
  ['N', 'None', 'No user action is needed.'],
  ['R', 'Required', 'A user must take some action.'],
]
const v3Scope: readonly ValueSpec[] = [
  ['U', 'Unchanged', 'Only the vulnerable component\'s authority is affected.'],
  ['C', 'Changed', 'Components beyond the vulnerable one\'s authority are affected.'],
]
const v3Impact = (what: string): readonly ValueSpec[] => [
  ['H', 'High', `Total or serious loss of ${what}.`],
  ['L', 'Low', `Some loss of ${what}.`],
  ['N', 'None', `No loss of ${what}.`],
]
const v3Requirement = (what: string): readonly ValueSpec[] => [
  notDefinedX,
  ['H', 'High', `Loss of ${what} is catastrophic for the organisation.`],
  ['M', 'Medium', `Loss of ${what} is serious for the organisation.`],
  ['L', 'Low', `Loss of ${what} is limited for the organisation.`],
]
const modified = (values: readonly ValueSpec[]): readonly ValueSpec[] => [notDefinedX, ...values]

function cvss3Definition(version: '3.0' | '3.1'): CvssVersionDefinition {
  return {
    version,
    prefix: `CVSS:${version}/`,
    metrics: [
      metric('AV', 'Attack Vector', 'base', 'How remote the attacker can be.', v3AttackVector),
      metric('AC', 'Attack Complexity', 'base', 'Conditions beyond the attacker\'s control.', v3AttackComplexity),
      metric('PR', 'Privileges Required', 'base', 'Privileges the attacker needs beforehand.', v3Privileges),
      metric('UI', 'User Interaction', 'base', 'Whether another user must take part.', v3UserInteraction),
      metric('S', 'Scope', 'base', 'Whether the impact crosses a security authority.', v3Scope),
      metric('C', 'Confidentiality', 'base', 'Impact on the confidentiality of information.', v3Impact('confidentiality')),
      metric('I', 'Integrity', 'base', 'Impact on the integrity of information.', v3Impact('integrity')),
      metric('A', 'Availability', 'base', 'Impact on the availability of the component.', v3Impact('availability')),
      metric('E', 'Exploit Code Maturity', 'temporal', 'How mature the known exploit code is.', [
        notDefinedX,
        ['H', 'High', 'Functional autonomous code exists, or no exploit is needed.'],
        ['F', 'Functional', 'Functional exploit code is available.'],
        ['P', 'Proof-of-Concept', 'Proof-of-concept code exists.'],
        ['U', 'Unproven', 'No exploit code is known.'],
      ], 'X'),
      metric('RL', 'Remediation Level', 'temporal', 'The kind of fix available.', [
        notDefinedX,
        ['U', 'Unavailable', 'No fix is available.'],
        ['W', 'Workaround', 'An unofficial workaround exists.'],
        ['T', 'Temporary Fix', 'An official temporary fix exists.'],
        ['O', 'Official Fix', 'A complete vendor fix exists.'],
      ], 'X'),
      metric('RC', 'Report Confidence', 'temporal', 'How confirmed the vulnerability is.', [
        notDefinedX,
        ['C', 'Confirmed', 'Detailed reports, reproduced, or confirmed by the vendor.'],
        ['R', 'Reasonable', 'Significant details are published but not confirmed.'],
        ['U', 'Unknown', 'Only reports of impact; the cause is unknown.'],
      ], 'X'),
      metric('CR', 'Confidentiality Requirement', 'environmental', 'How much confidentiality matters here.', v3Requirement('confidentiality'), 'X'),
      metric('IR', 'Integrity Requirement', 'environmental', 'How much integrity matters here.', v3Requirement('integrity'), 'X'),
      metric('AR', 'Availability Requirement', 'environmental', 'How much availability matters here.', v3Requirement('availability'), 'X'),
      metric('MAV', 'Modified Attack Vector', 'environmental', 'Attack Vector in this environment.', modified(v3AttackVector), 'X'),
      metric('MAC', 'Modified Attack Complexity', 'environmental', 'Attack Complexity in this environment.', modified(v3AttackComplexity), 'X'),
      metric('MPR', 'Modified Privileges Required', 'environmental', 'Privileges Required in this environment.', modified(v3Privileges), 'X'),
      metric('MUI', 'Modified User Interaction', 'environmental', 'User Interaction in this environment.', modified(v3UserInteraction), 'X'),
      metric('MS', 'Modified Scope', 'environmental', 'Scope in this environment.', modified(v3Scope), 'X'),
      metric('MC', 'Modified Confidentiality', 'environmental', 'Confidentiality impact in this environment.', modified(v3Impact('confidentiality')), 'X'),
      metric('MI', 'Modified Integrity', 'environmental', 'Integrity impact in this environment.', modified(v3Impact('integrity')), 'X'),
      metric('MA', 'Modified Availability', 'environmental', 'Availability impact in this environment.', modified(v3Impact('availability')), 'X'),
    ],
  }
}

/** CVSS v3.0 metrics in vector order. */
export const cvss30Definition: CvssVersionDefinition = cvss3Definition('3.0')

/** CVSS v3.1 metrics in vector order. */
export const cvss31Definition: CvssVersionDefinition = cvss3Definition('3.1')

const v4AttackVector: readonly ValueSpec[] = [
  ['N', 'Network', 'Reachable through the network stack, including from the internet.'],
  ['A', 'Adjacent', 'Needs a shared proximity: the same network segment or a local radio range.'],
  ['L', 'Local', 'Needs local access (keyboard, console, SSH session) or a user action.'],
  ['P', 'Physical', 'Needs physical contact with the device.'],
]
const v4AttackComplexity: readonly ValueSpec[] = [
  ['L', 'Low', 'No built-in security measure must be evaded.'],
  ['H', 'High', 'A security measure (e.g. ASLR, DEP) must be evaded, or a secret obtained.'],
]
const v4AttackRequirements: readonly ValueSpec[] = [
  ['N', 'None', 'Works regardless of deployment or execution conditions.'],
  ['P', 'Present', 'Needs a specific condition such as a race or an on-path position.'],
]
const v4UserInteraction: readonly ValueSpec[] = [
  ['N', 'None', 'No human user other than the attacker takes part.'],
  ['P', 'Passive', 'A user takes limited, involuntary part.'],
  ['A', 'Active', 'A user must take specific, conscious action.'],
]
const v4Impact = (what: string, system: string): readonly ValueSpec[] => [
  ['H', 'High', `Total or serious loss of ${what} of the ${system} system.`],
  ['L', 'Low', `Limited loss of ${what} of the ${system} system.`],
  ['N', 'None', `No loss of ${what} of the ${system} system.`],
]
const v4SafetyImpact = (what: string): readonly ValueSpec[] => [
  ['S', 'Safety', `The loss of ${what} can cause injury (IEC 61508 marginal or worse).`],
  ...v4Impact(what, 'subsequent'),
]
const v4Requirement = (what: string): readonly ValueSpec[] => [
  notDefinedX,
  ['H', 'High', `Loss of ${what} is catastrophic for the organisation.`],
  ['M', 'Medium', `Loss of ${what} is serious for the organisation.`],
  ['L', 'Low', `Loss of ${what} is limited for the organisation.`],
]

/** CVSS v4.0 metrics in the order of the specification's vector string. */
export const cvss40Definition: CvssVersionDefinition = {
  version: '4.0',
  prefix: 'CVSS:4.0/',
  metrics: [
    metric('AV', 'Attack Vector', 'base', 'How remote the attacker can be.', v4AttackVector),
    metric('AC', 'Attack Complexity', 'base', 'Security measures the attacker must evade.', v4AttackComplexity),
    metric('AT', 'Attack Requirements', 'base', 'Deployment or execution conditions the attack needs.', v4AttackRequirements),
    metric('PR', 'Privileges Required', 'base', 'Privileges the attacker needs beforehand.', v3Privileges),
    metric('UI', 'User Interaction', 'base', 'Whether a human user must take part.', v4UserInteraction),
    metric('VC', 'Vulnerable System Confidentiality', 'base', 'Confidentiality impact on the vulnerable system.', v4Impact('confidentiality', 'vulnerable')),
    metric('VI', 'Vulnerable System Integrity', 'base', 'Integrity impact on the vulnerable system.', v4Impact('integrity', 'vulnerable')),
    metric('VA', 'Vulnerable System Availability', 'base', 'Availability impact on the vulnerable system.', v4Impact('availability', 'vulnerable')),
    metric('SC', 'Subsequent System Confidentiality', 'base', 'Confidentiality impact on subsequent systems.', v4Impact('confidentiality', 'subsequent')),
    metric('SI', 'Subsequent System Integrity', 'base', 'Integrity impact on subsequent systems.', v4Impact('integrity', 'subsequent')),
    metric('SA', 'Subsequent System Availability', 'base', 'Availability impact on subsequent systems.', v4Impact('availability', 'subsequent')),
    metric('E', 'Exploit Maturity', 'threat', 'How likely the vulnerability is to be attacked.', [
      notDefinedX,
      ['A', 'Attacked', 'Attacks have been reported, or easy exploit tools exist.'],
      ['P', 'POC', 'A proof-of-concept is public, but no attacks are reported.'],
      ['U', 'Unreported', 'Neither proof-of-concept nor attacks are known.'],
    ], 'X'),
    metric('CR', 'Confidentiality Requirement', 'environmental', 'How much confidentiality matters here.', v4Requirement('confidentiality'), 'X'),
    metric('IR', 'Integrity Requirement', 'environmental', 'How much integrity matters here.', v4Requirement('integrity'), 'X'),
    metric('AR', 'Availability Requirement', 'environmental', 'How much availability matters here.', v4Requirement('availability'), 'X'),
    metric('MAV', 'Modified Attack Vector', 'environmental', 'Attack Vector in this environment.', modified(v4AttackVector), 'X'),
    metric('MAC', 'Modified Attack Complexity', 'environmental', 'Attack Complexity in this environment.', modified(v4AttackComplexity), 'X'),
    metric('MAT', 'Modified Attack Requirements', 'environmental', 'Attack Requirements in this environment.', modified(v4AttackRequirements), 'X'),
    metric('MPR', 'Modified Privileges Required', 'environmental', 'Privileges Required in this environment.', modified(v3Privileges), 'X'),
    metric('MUI', 'Modified User Interaction', 'environmental', 'User Interaction in this environment.', modified(v4UserInteraction), 'X'),
    metric('MVC', 'Modified Vulnerable System Confidentiality', 'environmental', 'VC in this environment.', modified(v4Impact('confidentiality', 'vulnerable')), 'X'),
    metric('MVI', 'Modified Vulnerable System Integrity', 'environmental', 'VI in this environment.', modified(v4Impact('integrity', 'vulnerable')), 'X'),
    metric('MVA', 'Modified Vulnerable System Availability', 'environmental', 'VA in this environment.', modified(v4Impact('availability', 'vulnerable')), 'X'),
    metric('MSC', 'Modified Subsequent System Confidentiality', 'environmental', 'SC in this environment.', modified(v4Impact('confidentiality', 'subsequent')), 'X'),
    metric('MSI', 'Modified Subsequent System Integrity', 'environmental', 'SI in this environment; Safety marks a risk of injury.', modified(v4SafetyImpact('integrity')), 'X'),
    metric('MSA', 'Modified Subsequent System Availability', 'environmental', 'SA in this environment; Safety marks a risk of injury.', modified(v4SafetyImpact('availability')), 'X'),
    metric('S', 'Safety', 'supplemental', 'Whether exploitation can affect human safety (IEC 61508).', [
      notDefinedX,
      ['N', 'Negligible', 'Consequences meet IEC 61508 "negligible" at most.'],
      ['P', 'Present', 'Consequences meet IEC 61508 "marginal", "critical" or "catastrophic".'],
    ], 'X'),
    metric('AU', 'Automatable', 'supplemental', 'Whether all kill-chain steps can be automated.', [
      notDefinedX,
      ['N', 'No', 'At least one step cannot be reliably automated.'],
      ['Y', 'Yes', 'Every step can be automated.'],
    ], 'X'),
    metric('R', 'Recovery', 'supplemental', 'How the system recovers after an attack.', [
      notDefinedX,
      ['A', 'Automatic', 'Recovers by itself.'],
      ['U', 'User', 'Needs a user to recover it.'],
      ['I', 'Irrecoverable', 'Cannot be recovered by the user.'],
    ], 'X'),
    metric('V', 'Value Density', 'supplemental', 'Resources the attacker gains with one exploitation.', [
      notDefinedX,
      ['D', 'Diffuse', 'Limited resources.'],
      ['C', 'Concentrated', 'Rich resources.'],
    ], 'X'),
    metric('RE', 'Vulnerability Response Effort', 'supplemental', 'Effort consumers need to respond.', [
      notDefinedX,
      ['L', 'Low', 'Little effort, e.g. a documentation update.'],
      ['M', 'Moderate', 'Some effort, e.g. a planned change.'],
      ['H', 'High', 'Significant effort, e.g. replacement or downtime.'],
    ], 'X'),
    metric('U', 'Provider Urgency', 'supplemental', 'The provider\'s own urgency rating.', [
      notDefinedX,
      ['Clear', 'Clear', 'Low or no urgency.'],
      ['Green', 'Green', 'Reduced urgency.'],
      ['Amber', 'Amber', 'Moderate urgency.'],
      ['Red', 'Red', 'Highest urgency.'],
    ], 'X'),
  ],
}

/** Every supported version's definition, keyed by version. */
export const cvssDefinitions: Readonly<Record<CvssVersion, CvssVersionDefinition>> = {
  '2.0': cvss2Definition,
  '3.0': cvss30Definition,
  '3.1': cvss31Definition,
  '4.0': cvss40Definition,
}
