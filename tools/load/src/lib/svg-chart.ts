/** A small line-chart writer: plain SVG text, no browser and no dependencies. */

export interface ChartSeries {
  name: string;
  /** [x, y] pairs; points with a non-finite or (on a log axis) non-positive value leave a gap. */
  points: readonly (readonly [number, number | null])[];
  color?: string;
  dashed?: boolean;
}

export interface LineChartSpec {
  title: string;
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  yLog?: boolean;
  /** Horizontal reference lines, e.g. the 100 ms limit. */
  thresholds?: readonly { y: number; label: string }[];
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];

/** Escapes text for SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) max = min + 1;
  const rough = (max - min) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let tick = Math.floor(min / step) * step; tick <= max + step * 1e-9; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

/** 1, 2, 5, 10, 20, 50... covering [min, max] (both > 0). */
export function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  const low = Math.floor(Math.log10(min));
  const high = Math.ceil(Math.log10(max));
  for (let exponent = low; exponent <= high; exponent++) {
    for (const mantissa of [1, 2, 5]) {
      const tick = Number((mantissa * 10 ** exponent).toPrecision(12));
      if (tick >= min / 1.0001 && tick <= max * 1.0001) ticks.push(tick);
    }
  }
  return ticks;
}

/** The nearest 1-2-5 value at or below (`down`) or at or above a positive number. */
export function roundLog125(value: number, down: boolean): number {
  const exponent = Math.floor(Math.log10(value));
  const candidates = [-1, 0, 1].flatMap((offset) =>
    [1, 2, 5].map((mantissa) => Number((mantissa * 10 ** (exponent + offset)).toPrecision(12))),
  );
  return down
    ? Math.max(...candidates.filter((candidate) => candidate <= value * 1.0000001))
    : Math.min(...candidates.filter((candidate) => candidate >= value / 1.0000001));
}

function formatTick(value: number): string {
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${Number((value / 1_000_000).toPrecision(3))}M`;
  if (abs >= 10_000) return `${Number((value / 1000).toPrecision(3))}k`;
  if (abs >= 1) return String(Number(value.toPrecision(4)));
  return String(Number(value.toPrecision(2)));
}

const fixed = (value: number) => value.toFixed(1);

/** Renders the chart as a standalone SVG document. */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 760;
  const height = spec.height ?? 440;
  // The legend sits right of the plot: room for its longest name (about 7 px a character at 12 px).
  const longestName = Math.max(0, ...spec.series.map((series) => series.name.length));
  const margin = {
    top: spec.subtitle ? 62 : 46,
    right: Math.max(120, 54 + longestName * 7),
    bottom: 56,
    left: 70,
  };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const yLog = spec.yLog ?? false;

  const usable = (y: number | null): y is number => y !== null && Number.isFinite(y) && (!yLog || y > 0);
  const xs = spec.series.flatMap((series) => series.points.map(([x]) => x)).filter(Number.isFinite);
  const ys = [
    ...spec.series.flatMap((series) => series.points.map(([, y]) => y)).filter(usable),
    ...(spec.thresholds ?? []).map((threshold) => threshold.y).filter(usable),
  ];

  const xTicks = niceTicks(Math.min(0, ...xs), xs.length > 0 ? Math.max(...xs) : 1);
  const logRange = yLog
    ? [
        roundLog125(ys.length > 0 ? Math.min(...ys) : 1, true),
        roundLog125(ys.length > 0 ? Math.max(...ys) : 10, false),
      ]
    : null;
  if (logRange && logRange[1] <= logRange[0]) logRange[1] = roundLog125(logRange[0] * 1.5, false);
  const yTicks = logRange
    ? logTicks(logRange[0], logRange[1])
    : niceTicks(0, ys.length > 0 ? Math.max(...ys) : 1);
  const [xMin, xMax] = [xTicks[0], xTicks[xTicks.length - 1]];
  const [yMin, yMax] = logRange ?? [yTicks[0], yTicks[yTicks.length - 1]];
  const yScaled = (y: number) => (yLog ? Math.log10(y) : y);
  const px = (x: number) => margin.left + ((x - xMin) / (xMax - xMin || 1)) * plotWidth;
  const py = (y: number) =>
    margin.top +
    plotHeight -
    ((yScaled(y) - yScaled(yMin)) / (yScaled(yMax) - yScaled(yMin) || 1)) * plotHeight;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="16" font-weight="bold">${escapeXml(spec.title)}</text>`,
  );
  if (spec.subtitle) {
    out.push(`<text x="${margin.left}" y="44" fill="#555555">${escapeXml(spec.subtitle)}</text>`);
  }
  out.push('<g stroke="#e6e6e6" stroke-width="1">');
  for (const tick of yTicks) {
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${fixed(py(tick))}" y2="${fixed(py(tick))}"/>`,
    );
  }
  for (const tick of xTicks) {
    out.push(
      `<line x1="${fixed(px(tick))}" x2="${fixed(px(tick))}" y1="${margin.top}" y2="${margin.top + plotHeight}"/>`,
    );
  }
  out.push('</g>');
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333333"/>`,
  );
  out.push('<g fill="#333333" text-anchor="end">');
  for (const tick of yTicks) {
    out.push(`<text x="${margin.left - 6}" y="${fixed(py(tick) + 4)}">${formatTick(tick)}</text>`);
  }
  out.push('</g><g fill="#333333" text-anchor="middle">');
  for (const tick of xTicks) {
    out.push(`<text x="${fixed(px(tick))}" y="${margin.top + plotHeight + 18}">${formatTick(tick)}</text>`);
  }
  out.push('</g>');
  out.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 14}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>`,
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel + (yLog ? ' (log scale)' : ''))}</text>`,
  );

  for (const threshold of spec.thresholds ?? []) {
    if (!usable(threshold.y)) continue;
    const y = fixed(py(threshold.y));
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y}" y2="${y}" stroke="#888888" stroke-dasharray="2 3"/>`,
      `<text x="${margin.left + plotWidth - 4}" y="${fixed(py(threshold.y) - 4)}" text-anchor="end" fill="#666666">${escapeXml(threshold.label)}</text>`,
    );
  }

  spec.series.forEach((series, index) => {
    const color = series.color ?? PALETTE[index % PALETTE.length];
    const dash = series.dashed ? ' stroke-dasharray="6 4"' : '';
    // A gap (missing value) splits the line into runs.
    const runs: string[][] = [[]];
    for (const [x, y] of series.points) {
      if (!Number.isFinite(x) || !usable(y)) {
        if (runs[runs.length - 1].length > 0) runs.push([]);
        continue;
      }
      runs[runs.length - 1].push(`${fixed(px(x))},${fixed(py(y))}`);
    }
    out.push(`<g stroke="${color}" fill="${color}">`);
    for (const run of runs.filter((points) => points.length > 0)) {
      if (run.length > 1) {
        out.push(`<polyline points="${run.join(' ')}" fill="none" stroke-width="2"${dash}/>`);
      }
      for (const point of run) {
        const [cx, cy] = point.split(',');
        out.push(`<circle cx="${cx}" cy="${cy}" r="2.5"/>`);
      }
    }
    out.push('</g>');
    const legendY = margin.top + 10 + index * 20;
    const legendX = margin.left + plotWidth + 14;
    out.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 30}" y="${legendY + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
