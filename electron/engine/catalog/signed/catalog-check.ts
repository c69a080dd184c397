// The one place signed catalogs reach the product's own catalog rules (parse, per-entry checks,
// capped problems), so a signed catalog is judged exactly like a plain one. Re-exports only.
export { capProblems, checkEntries, parseCatalogText } from '../sources/essaim-format.js';
