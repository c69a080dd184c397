// Parses untrusted feed XML into plain objects, safely: no entity expansion at all (no billion
// laughs), no DOCTYPE, bounded size and nesting. Character references are decoded later, as text.
import { XMLParser } from 'fast-xml-parser';
import { SourceError } from '../../catalog-source.js';

/** A feed larger than this is refused before parsing (the fetch is capped at the same size). */
export const MAX_FEED_BYTES = 8 * 1024 * 1024;
/** Real feeds nest a handful of levels; anything deeper is damaged or hostile. */
const MAX_NESTING = 40;

export type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // every value stays a string: a title "1968" must not become a number
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // entity declarations and references are left alone; plain-text.ts decodes character references
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_NESTING,
  // text fields are kept raw, markup and all, and turned into plain text later: a title holding
  // unescaped HTML must not become nested elements (and lose its words)
  stopNodes: ['..title', '..description', '..summary', '..content'],
  // repeated elements (items, links, enclosures) are always lists, single ones too
  isArray: (name) => ['item', 'entry', 'link', 'enclosure', 'category'].includes(localName(name)),
});

export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Parses the text, or throws SourceError in plain words. */
export function readXml(text: string): XmlNode {
  if (text.length > MAX_FEED_BYTES) {
    throw new SourceError(`it is larger than ${MAX_FEED_BYTES / (1024 * 1024)} MiB`);
  }
  // A feed never needs a document type; one is how entity bombs and external entities get in.
  if (/<!DOCTYPE/i.test(text.slice(0, 4096)) || /<!ENTITY/i.test(text)) {
    throw new SourceError('it declares a document type or entities, which feeds never need');
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (err) {
    const deep = err instanceof Error && /nest/i.test(err.message);
    throw new SourceError(
      deep ? 'it is nested far too deeply to be a feed' : 'it is not readable XML',
    );
  }
  if (typeof parsed !== 'object' || parsed === null) {
    throw new SourceError('it is not readable XML');
  }
  return parsed as XmlNode;
}

/** The child elements named `name` whatever their namespace prefix ("torrent:infoHash"). */
export function children(node: unknown, name: string): unknown[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const out: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || localName(key) !== name) continue;
    if (Array.isArray(value)) out.push(...value);
    else out.push(value);
  }
  return out;
}

export const child = (node: unknown, name: string): unknown => children(node, name)[0];

/** The text of an element (its text node when it also has attributes), or undefined. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (typeof node === 'object' && node !== null && !Array.isArray(node)) {
    const text = (node as XmlNode)['#text'];
    if (typeof text === 'string' || typeof text === 'number') return String(text);
  }
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const value = (node as XmlNode)[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}
