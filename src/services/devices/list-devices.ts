import type { DeviceRow } from '../../store/schema.js'
import { deviceRepository } from '../../store/repositories/devices.js'
import type { OrgContext, ServiceResult } from '../context.js'

/** Lists the organization's devices (a hospital's fleet). */
export async function listDevices(ctx: OrgContext): Promise<ServiceResult<DeviceRow[]>> {
  return { ok: true, value: await deviceRepository.list(ctx.db, ctx.scope) }
}
