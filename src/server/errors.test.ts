import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serviceError, type ServiceResult } from '../services/context.js'
import { replyWith } from './errors.js'

const found: ServiceResult<{ id: string }> = { ok: true, value: { id: 'p1' } }

describe('replyWith', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    app = Fastify()
    app.get('/value', async (_request, reply) => replyWith(reply, found))
    app.get('/created', async (_request, reply) => replyWith(reply, found, (value) => reply.status(201).send(value)))
    app.get('/empty', async (_request, reply) => replyWith(reply, found, () => reply.status(204).send(null)))
    app.get('/missing', async (_request, reply) => replyWith(reply, serviceError('not_found', 'no such product'), () => reply.status(201).send('never')))
    app.get('/invalid', async (_request, reply) => replyWith(reply, serviceError('validation_failed', 'bad', { field: 'name' })))
    app.get('/throttled', async (_request, reply) => replyWith(reply, serviceError('rate_limited', 'slow down', { retryAfterSeconds: 7 })))
    await app.ready()
  })
  afterAll(async () => {
    await app.close()
  })

  it('returns the value for fastify to send, or hands it to send for another status', async () => {
    const plain = await app.inject({ url: '/value' })
    expect([plain.statusCode, plain.json()]).toEqual([200, { id: 'p1' }])
    const created = await app.inject({ url: '/created' })
    expect([created.statusCode, created.json()]).toEqual([201, { id: 'p1' }])
    const empty = await app.inject({ url: '/empty' })
    expect([empty.statusCode, empty.body]).toEqual([204, ''])
  })

  it('answers an error with the status of its code and the one error body, never calling send', async () => {
    const missing = await app.inject({ url: '/missing' })
    expect([missing.statusCode, missing.json()]).toEqual([404, { error: { code: 'not_found', message: 'no such product' } }])
    const invalid = await app.inject({ url: '/invalid' })
    expect([invalid.statusCode, invalid.json()]).toEqual([400, { error: { code: 'validation_failed', message: 'bad', details: { field: 'name' } } }])
    const throttled = await app.inject({ url: '/throttled' })
    expect([throttled.statusCode, throttled.headers['retry-after']]).toEqual([429, '7'])
  })
})
