import { disclosureRepository } from '../../store/repositories/disclosure.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { programmeSettings, type ProgrammeSettings } from './access.js'

/** A manufacturer's disclosure programme settings (defaults until saved). */
export async function getProgramme(ctx: OrgContext): Promise<ServiceResult<ProgrammeSettings>> {
  if (ctx.org.kind !== 'manufacturer') return serviceError('forbidden', 'disclosure programmes are run by manufacturers')
  return { ok: true, value: programmeSettings(await disclosureRepository.findProgramme(ctx.db, ctx.scope)) }
}
