export {
  compareCpe,
  compareCpeStrings,
  compareCpeValues,
  cpeAttributes,
  cpeCriterionCovers,
  formatCpe,
  formatCpeUri,
  parseCpe,
  parseFormattedString,
  parseUri,
} from './cpe.js'
export type { CpeAttribute, CpeComparison, CpeRelation, CpeValue, Wfn } from './cpe.js'
