// XMLTV times ("20261129120000 +0100") into ms since epoch. A date that does not exist or an
// offset no place uses gives undefined: a wrong time on screen is worse than none.

const PATTERN =
  /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?\s*(?:([+-])(\d{2}):?(\d{2})|(Z|UTC|GMT))?$/i;
/** Offsets in use run from -12:00 to +14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

export function parseXmltvTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 40) return undefined;
  const m = PATTERN.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(m[i] ?? '0'),
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // 20260231 rolls over into March: refuse it rather than show the wrong day
  if (new Date(utc).getUTCDate() !== day) return undefined;
  let offset = 0;
  if (m[7] !== undefined) {
    const hours = Number(m[8]);
    const minutes = Number(m[9]);
    if (minutes > 59) return undefined;
    offset = (hours * 60 + minutes) * (m[7] === '-' ? -1 : 1);
    if (offset > MAX_OFFSET_MINUTES || offset < -12 * 60) return undefined;
  }
  return utc - offset * 60_000;
}
