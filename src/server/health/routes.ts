import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/** `GET /api/health`: liveness, no authentication. */
export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['system'], summary: 'Liveness check', response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  )
}
