/**
 * Text in capitals, as French forms print family names and towns. The one rule of the service,
 * applied by `capitals()` in the view models (src/documents/print/) and by the templates'
 * `upper` Handlebars helper; no template applies CSS `text-transform: uppercase` to user data
 * (only to fixed headings), since Chromium would then apply Unicode's full mapping (ß → SS).
 *
 * The rule: capitalising changes the case of a letter, never the letters. A mairie or a
 * préfecture compares the printed name with the passport or the identity card letter by letter,
 * and "Strauß" and "Strauss" are two different names. So:
 *
 * - each character is replaced by its fr-FR upper case when that is one character: accents are
 *   kept, as French capitals are accented ("LEFÈVRE", "ÉLODIE", "ÇA", "ŒUVRE"), and "Wałęsa",
 *   "Nguyễn Đức" become "WAŁĘSA", "NGUYỄN ĐỨC";
 * - a character whose upper case is more than one character (Unicode's SpecialCasing) is kept
 *   as typed: "Strauß" prints "STRAUß", as German identity documents traditionally print it
 *   (not "STRAUSS", which is another spelling, nor with the capital ẞ U+1E9E, which is not the
 *   character the person typed; a ẞ sent stays ẞ). The same holds for ŉ, ǰ, ẖ ẗ ẘ ẙ ẚ, Greek
 *   letters with an iota subscript or ΐ ΰ, Armenian և, and the ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ ﬓ–ﬗ (a
 *   ligature pasted from a PDF stays a ligature: "FI" would be two letters where one was typed);
 * - the dotted and dotless i follow fr-FR, the language of the documents, not Turkish: "i" and
 *   "ı" both become "I", "İ" stays "İ". "Yılmaz" prints "YILMAZ", which is also its Turkish
 *   capitalisation; "Şahin" prints "ŞAHIN" where a Turkish document prints "ŞAHİN". The service
 *   does not guess the language of a name, and an I without a dot is how a French form writes
 *   the capital of i; someone who wants "ŞAHİN" can send the name in capitals, which is kept.
 *
 * Apostrophes and hyphens are not letters and are kept as typed (O'Neil, Kerc'hoas, Kerc’hoas).
 */
export function capitals(text: string): string {
  return text.replace(/./gsu, (char) => {
    const upper = char.toLocaleUpperCase('fr-FR');
    return [...upper].length === 1 ? upper : char;
  });
}
