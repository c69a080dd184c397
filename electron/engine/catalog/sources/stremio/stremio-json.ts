// Parses an add-on's JSON answer, turning a syntax error into plain words for the user.
import { SourceError } from '../../catalog-source.js';

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SourceError('the add-on answered with something that is not JSON');
  }
}
