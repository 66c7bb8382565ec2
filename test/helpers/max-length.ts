/**
 * A document's "maximum-length payload": its sample with every free-text string at the JSON
 * Schema's `maxLength`, written as realistic French (accents, words of normal length), so that
 * layouts are tried with what a real person may type, not with "xxxx".
 *
 * A free text is a string property with both `minLength` and `maxLength` and no `format`,
 * `pattern` or `enum`: what fields.ts `texte()` and `texteMultiligne()` publish. Codes stay as in
 * the sample: dates (format), enums, postcodes, NIR, country codes (no length bounds), phone
 * numbers, e-mails and URSSAF numbers (a `maxLength` but no `minLength`). Numbers and booleans are
 * untouched. Optional free texts the sample leaves out are added when their object is in the
 * sample (a usage name next to a birth name), so that every box a free text feeds is tried; arrays
 * keep the sample's number of items.
 */

export interface JsonSchemaNode {
  type?: string | string[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  minLength?: number;
  maxLength?: number;
  format?: string;
  pattern?: string;
  enum?: unknown[];
}

/** Whether a schema node is a free text (see above). */
export function isFreeText(node: JsonSchemaNode): boolean {
  return (
    node.type === 'string' &&
    node.minLength !== undefined &&
    node.maxLength !== undefined &&
    node.format === undefined &&
    node.pattern === undefined &&
    node.enum === undefined
  );
}

/** The sample with every free text at its maximum length; `texts` lists what was set. */
export function maxLengthPayload(
  schema: JsonSchemaNode,
  sample: unknown,
): { payload: unknown; texts: Array<{ path: string; value: string; maxLength: number }> } {
  const texts: Array<{ path: string; value: string; maxLength: number }> = [];
  let seed = 0;
  const visit = (node: JsonSchemaNode, value: unknown, path: string, key: string): unknown => {
    if (isFreeText(node)) {
      const text = frenchText(key, node.maxLength as number, (seed += 1));
      texts.push({ path, value: text, maxLength: node.maxLength as number });
      return text;
    }
    if (node.properties && value && typeof value === 'object' && !Array.isArray(value)) {
      const object = { ...(value as Record<string, unknown>) };
      for (const [name, property] of Object.entries(node.properties)) {
        const here = path ? `${path}.${name}` : name;
        if (name in object) object[name] = visit(property, object[name], here, name);
        else if (isFreeText(property)) object[name] = visit(property, undefined, here, name);
      }
      return object;
    }
    if (node.items && Array.isArray(value)) {
      const items = node.items;
      return value.map((item, index) => visit(items, item, `${path}[${index}]`, key));
    }
    return value;
  };
  return { payload: visit(schema, sample, '', ''), texts };
}

/** Words of French prose, accented and of ordinary length. */
const PROSE = (
  'Accompagner les enfants à l’école élémentaire du quartier chaque matin, préparer leur ' +
  'goûter équilibré, aider aux devoirs après la récréation, organiser des activités créatives ' +
  'et sportives pendant les vacances scolaires, veiller à leur sécurité lors des sorties au ' +
  'théâtre, à la bibliothèque municipale ou au jardin botanique, et prévenir sans délai les ' +
  'parents en cas de fièvre, de chute ou de tout événement inhabituel survenu dans la journée'
).split(' ');

const PLACES = (
  'rue du Faubourg-Saint-Honoré résidence des Érables bâtiment Hélène-Boucher escalier ' +
  'côté cour Saint-Étienne-de-Montluc quai des Célestins Châteauneuf-sur-Loire chemin ' +
  'des Prés-Fleuris lieu-dit Bellevue Évian-les-Bains allée des Sœurs-Mérault'
).split(' ');

const SURNAMES = (
  'Lefèvre-Duprès de Saint-Éloi Bérard Ménétrier Castelnau-Lézignan Fénelon Béthune ' +
  'Dubœuf Mérignac Grégoire Château-Thierry Jouvenel des Ursins Desprès Hérouville'
).split(' ');

const GIVEN_NAMES = (
  'Marie-Hélène Éléonore Bénédicte Joséphine Anaïs Clémence Gaëlle Héloïse Françoise ' +
  'Noémie Solène Amélie Thérèse Zoé Cécile Maïlys Agnès Régine Adélaïde Léopoldine'
).split(' ');

/** One word of each length from 1 to 12, to end a text exactly at its maximum length. */
const ENDINGS = [
  'à',
  'où',
  'été',
  'côté',
  'rêves',
  'élèves',
  'fenêtre',
  'théâtres',
  'cinquième',
  'événements',
  'médiathèque',
  'bibliothèque',
];

/**
 * A French text of exactly `length` characters for the property `key`: names from names, places
 * from places, a street number as people write one, anything else from prose. `seed` varies the starting word.
 */
export function frenchText(key: string, length: number, seed = 0): string {
  if (/^numero$/.test(key)) return '12 bis et 14 à 16'.slice(0, length).trim();
  const words = /^prenom/.test(key)
    ? GIVEN_NAMES
    : /^nom/.test(key)
      ? SURNAMES
      : /^(voie|complement|localite|commune|lieu|lignesAdresse)$/.test(key)
        ? PLACES
        : PROSE;
  let text = '';
  for (let index = seed; [...text].length < length; index += 1) {
    const remaining = length - [...text].length - (text ? 1 : 0);
    const word = words[index % words.length] as string;
    if (remaining <= ENDINGS.length) {
      // The last word, picked to end exactly at `length`: one of the list if one is that long.
      const ending =
        remaining > 0
          ? (words.find((candidate) => [...candidate].length === remaining) ??
            ENDINGS[remaining - 1])
          : undefined;
      text = ending ? (text ? `${text} ${ending}` : ending) : text;
      if (!ending) text = `${text}.`;
      break;
    }
    // A word leaving room for less than a space and a letter would overshoot.
    if ([...word].length <= remaining - 2 || [...word].length === remaining) {
      text = text ? `${text} ${word}` : word;
    }
  }
  return [...text].slice(0, length).join('');
}
