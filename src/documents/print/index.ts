/**
 * How the documents print the things they share: names, addresses, the NIR's comb, capitals and
 * small numbers in words. Written once here so that every form prints them the same way.
 */
export {
  addressBoxes,
  addressLines,
  addressOnOneLine,
  NO_ADDRESS,
  type AddressBoxes,
  type AddressLinesOptions,
  type AdresseFrance,
} from './address.js';
export { capitals } from './capitals.js';
export { printedName, type Names, type PrintedNameOptions, type UsageName } from './names.js';
export { NIR_GROUP_SIZES, nirComb, type NirComb } from './nir-comb.js';
export { numberInWords } from './numbers-in-words.js';
export { custodyText, fineText, penaltyText } from './penalties.js';
