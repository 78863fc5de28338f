/**
 * A sentence-case text placed mid-sentence: only a capitalised first word is lower-cased, so acronyms and names keep
 * their case ("NICE TA260", "EHF", "CGRP-pathway", "100 U").
 */
export function midSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0]!.toLowerCase()}${text.slice(1)}` : text;
}
