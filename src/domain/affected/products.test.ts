import { describe, expect, it } from 'vitest'
import { compareProduct, productKey } from './products.js'

describe('product and model names', () => {
  it('normalises case, punctuation, trademark signs, the vendor prefix and generic words', () => {
    expect(productKey('Revolution CT')).toBe('revolutionct')
    expect(productKey('REVOLUTION-CT')).toBe('revolutionct')
    expect(productKey('Revolution™ CT')).toBe('revolutionct')
    expect(productKey('Revolution(TM) CT')).toBe('revolutionct')
    expect(productKey('GE HealthCare Revolution CT', 'GE HealthCare')).toBe('revolutionct')
    expect(productKey('Vivid E95 Ultrasound System')).toBe('vivide95')
    expect(productKey('Acme CT 5000', 'Acme Imaging')).toBe('ct5000')
  })

  const vendor = 'GE HealthCare'
  const hits: readonly [string, string, readonly string[], string][] = [
    ['Revolution CT', 'Revolution CT', [], 'product_name'],
    ['REVOLUTION-CT', 'Revolution CT', [], 'product_name'],
    ['GE Revolution CT', 'Revolution™ CT', [], 'product_name'],
    ['Vivid E95', 'Vivid E95 Ultrasound', [], 'product_name'],
    ['ISCV', 'IntelliSpace Cardiovascular (ISCV)', [], 'short_name'],
    ['IntelliSpace Cardiovascular', 'IntelliSpace Cardiovascular (ISCV)', [], 'product_name'],
    ['5390009', 'Some Scanner', ['5390009'], 'model_number'],
    ['ACT-5000', 'Acme CT 5000', ['ACT5000'], 'model_number'],
    ['Revolution CT ES', 'Revolution CT', [], 'product_family'],
  ]
  it.each(hits)('device %s is advisory product %s (%s)', (model, product, numbers, kind) => {
    expect(compareProduct({ manufacturer: vendor, model }, { vendor, product, modelNumbers: numbers })?.kind).toBe(kind)
  })

  const misses: readonly [string, string][] = [
    ['Vivid E9', 'Vivid E95'],
    ['Vivid E95', 'Vivid E9'],
    ['Revolution EVO', 'Revolution CT'],
    ['Revolution', 'Revolution CT'],
    ['CT 500', 'CT 5000'],
    ['Optima CT660', 'Optima CT540'],
    ['LOGIQ E10', 'LOGIQ E10s'],
    ['', 'Revolution CT'],
  ]
  it.each(misses)('device %s is not advisory product %s', (model, product) => {
    expect(compareProduct({ manufacturer: vendor, model }, { vendor, product, modelNumbers: [] })).toBeNull()
  })

  it('matches a UDI-DI among the product identifiers, with or without the GS1 (01) prefix', () => {
    expect(compareProduct({ manufacturer: vendor, model: 'whatever', udiDi: '(01)00812345000012' }, { vendor, product: 'X', modelNumbers: ['00812345000012'] })?.kind).toBe('udi_di')
    expect(compareProduct({ manufacturer: vendor, model: 'whatever', udiDi: '00812345000029' }, { vendor, product: 'X', modelNumbers: ['00812345000012'] })).toBeNull()
  })
})
