/**
 * Names and towns in capitals, as French forms print them. One rule for every document so that a
 * name reads the same on each: the fr-FR upper case of JavaScript, which changes case only and
 * keeps the accents ("LEFÈVRE", "ÉLODIE"; French capitals are accented). It is Unicode's full
 * case mapping, as the templates' `upper` helper and CSS `text-transform: uppercase` apply it:
 * ß becomes SS and the ligature ﬁ becomes FI, exactly as every form printed them before.
 */
export function capitals(text: string): string {
  return text.toLocaleUpperCase('fr-FR');
}
