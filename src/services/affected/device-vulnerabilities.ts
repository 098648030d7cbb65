import type { AffectedEntry } from '../../domain/affected/index.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import { serviceError, type OrgContext, type ServiceResult } from '../context.js'
import { listAffected } from './list-affected.js'

/** One device's vulnerabilities with status, remediation and the manufacturer's guidance (any member); 404 for another organization's device. */
export async function deviceVulnerabilities(ctx: OrgContext, deviceId: string, options: { includeNotAffected?: boolean } = {}): Promise<ServiceResult<AffectedEntry[]>> {
  if (!/^[0-9a-f-]{36}$/i.test(deviceId)) return serviceError('not_found', 'no such device')
  const device = await deviceRepository.find(ctx.db, ctx.scope, deviceId)
  if (!device) return serviceError('not_found', 'no such device')
  return listAffected(ctx, { deviceId, includeNotAffected: options.includeNotAffected === true })
}
