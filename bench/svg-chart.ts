// A grouped horizontal bar chart as plain SVG text (no library): one group per contender, one
// bar per series (time to first frame, seek latency), the median drawn as a bar and the spread
// as a line. Values that are missing are drawn as "n/a".

export interface ChartRow {
  label: string;
  values: Array<{ median: number; min: number; max: number }>;
}

const COLOURS = ['#2f6fb3', '#d9822b', '#3a9a5b', '#a54bb0'];

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function barChartSvg(
  title: string,
  series: string[],
  rows: ChartRow[],
  unit = 'ms',
): string {
  const labelWidth = 190;
  const plotWidth = 520;
  const barHeight = 14;
  const groupHeight = series.length * (barHeight + 3) + 12;
  const top = 48;
  const height = top + rows.length * groupHeight + 30;
  const finite = rows
    .flatMap((r) => r.values.flatMap((v) => [v.median, v.max]))
    .filter(Number.isFinite);
  const max = Math.max(1, ...finite);
  const scale = (v: number): number => (v / max) * plotWidth;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + plotWidth + 90}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  series.forEach((name, i) => {
    const x = labelWidth + i * 290;
    parts.push(
      `<rect x="${x}" y="30" width="12" height="12" fill="${COLOURS[i % COLOURS.length]}"/>`,
      `<text x="${x + 16}" y="40">${escape(name)} (median, line: spread)</text>`,
    );
  });
  rows.forEach((row, r) => {
    const y0 = top + r * groupHeight;
    parts.push(`<text x="10" y="${y0 + groupHeight / 2}">${escape(row.label)}</text>`);
    row.values.forEach((v, i) => {
      const y = y0 + i * (barHeight + 3);
      const colour = COLOURS[i % COLOURS.length];
      if (!Number.isFinite(v.median)) {
        parts.push(`<text x="${labelWidth + 4}" y="${y + barHeight - 3}" fill="#777">n/a</text>`);
        return;
      }
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${scale(v.median).toFixed(1)}" height="${barHeight}" fill="${colour}"/>`,
      );
      if (Number.isFinite(v.min) && Number.isFinite(v.max)) {
        const mid = y + barHeight / 2;
        parts.push(
          `<line x1="${(labelWidth + scale(v.min)).toFixed(1)}" y1="${mid}" x2="${(labelWidth + scale(v.max)).toFixed(1)}" y2="${mid}" stroke="#222" stroke-width="1.5"/>`,
        );
      }
      parts.push(
        `<text x="${(labelWidth + Math.max(scale(v.median), Number.isFinite(v.max) ? scale(v.max) : 0) + 4).toFixed(1)}" y="${y + barHeight - 3}">${Math.round(v.median)} ${unit}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
