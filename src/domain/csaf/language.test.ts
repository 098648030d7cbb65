import { describe, expect, it } from 'vitest'
import { isValidLanguageTag } from './language.js'

describe('isValidLanguageTag', () => {
  it('answers the short tags (language, perhaps a region) as the full parse does', () => {
    // A private-use part ('-x-a') never changes validity and sends a tag through the full parse, so each short tag
    // can be compared with its own long form.
    const letters = 'abcdefghijklmnopqrstuvwxyz'
    const languages = [...letters].flatMap((a) => [...letters].flatMap((b) => [`${a}${b}`, `${a}${b}${a}`, `${a}${b}${b}`]))
    const tags = [...languages, ...languages.filter((_, i) => i % 7 === 0).flatMap((language) => [`${language}-US`, `${language}-de`, `${language}-QM`, `${language}-ZZ`])]
      .flatMap((tag) => [tag, tag.toUpperCase()])
    const differences = tags.filter((tag) => isValidLanguageTag(tag) !== isValidLanguageTag(`${tag}-x-a`))
    expect(tags.filter((tag) => isValidLanguageTag(tag)).length).toBeGreaterThan(500)
    expect(differences.slice(0, 20)).toEqual([])
  })

  it('still parses every other shape', () => {
    expect(isValidLanguageTag('en')).toBe(true)
    expect(isValidLanguageTag('en-US')).toBe(true)
    expect(isValidLanguageTag('EZ')).toBe(false)
    expect(isValidLanguageTag('en-ZZZ')).toBe(false)
    expect(isValidLanguageTag('de-DE-1996')).toBe(true)
    expect(isValidLanguageTag('i-default')).toBe(true)
    expect(isValidLanguageTag('en-')).toBe(false)
    expect(isValidLanguageTag('qaa')).toBe(true)
  })
})
