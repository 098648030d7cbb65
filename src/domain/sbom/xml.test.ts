import { describe, expect, it } from 'vitest'
import { parseXml } from './xml.js'

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library"><name>&lol3;</name></component></components></bom>`

describe('safe XML tokenizer', () => {
  it('reads elements, attributes, namespaces, entities, character references and CDATA', () => {
    const result = parseXml('<?xml version="1.0"?>\n<!-- c --><a xmlns="urn:x" xmlns:p="urn:p" k="1 &amp; 2"><p:b>x &lt; y &#65;&#x42;</p:b><c><![CDATA[<raw>]]></c><d/></a>')
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const root = result.value
    expect(root.local).toBe('a')
    expect(root.namespace).toBe('urn:x')
    expect(root.attributes.k).toBe('1 & 2')
    expect(root.children.map((c) => [c.local, c.namespace, c.text])).toEqual([
      ['b', 'urn:p', 'x < y AB'],
      ['c', 'urn:x', '<raw>'],
      ['d', 'urn:x', ''],
    ])
  })

  it('refuses the billion laughs bomb at its DOCTYPE, before any entity is expanded', () => {
    const result = parseXml(billionLaughs)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('xml_doctype_forbidden')
  })

  it('refuses external entities (a DOCTYPE with SYSTEM) and undefined entity references', () => {
    const external = parseXml('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>')
    const undefinedEntity = parseXml('<a>&x;</a>')
    expect(external.ok ? '' : external.error.code).toBe('xml_doctype_forbidden')
    expect(undefinedEntity.ok ? '' : undefinedEntity.error.code).toBe('xml_entity_forbidden')
  })

  it('bounds the depth and the element count', () => {
    const deep = '<a>'.repeat(200) + '</a>'.repeat(200)
    const tooDeep = parseXml(deep, { maxDepth: 128, maxElements: 1000 })
    const tooMany = parseXml('<a>' + '<b/>'.repeat(20) + '</a>', { maxDepth: 10, maxElements: 10 })
    expect(tooDeep.ok ? '' : tooDeep.error.code).toBe('xml_too_deep')
    expect(tooMany.ok ? '' : tooMany.error.code).toBe('xml_too_many_elements')
  })

  it('reports truncated and malformed documents with stable codes', () => {
    const cases: [string, string][] = [
      ['<a><b>text</b>', 'xml_truncated'],
      ['<a><b></a>', 'xml_malformed'],
      ['<a x=1/>', 'xml_malformed'],
      ['<a x="1', 'xml_truncated'],
      ['<a/><b/>', 'xml_malformed'],
      ['text', 'xml_malformed'],
      ['', 'xml_no_root'],
      ['<a>&#xZZ;</a>', 'xml_entity_forbidden'],
    ]
    const codes = cases.map(([xml]) => {
      const result = parseXml(xml)
      return result.ok ? 'ok' : result.error.code
    })
    expect(codes).toEqual(cases.map(([, code]) => code))
  })
})
