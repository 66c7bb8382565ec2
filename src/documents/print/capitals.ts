/**
 * Names and towns in capitals, as French forms print them: one rule for every document and
 * engine (the templates' `upper` helper too), so that a name reads the same on each. Capitals
 * change the case, never the letters: "LEFÈVRE", "WAŁĘSA", "STRAUß". The rule and its reasons
 * are in src/shared/capitals.ts, where the html engine's helper can reach it.
 */
export { capitals } from '../../shared/capitals.js';
