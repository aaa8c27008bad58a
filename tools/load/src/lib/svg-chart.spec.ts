/**
 * @jest-environment jsdom
 */
// jsdom's DOMParser (a strict XML parser) checks that the SVG is well-formed.
/// <reference lib="dom" />
import { escapeXml, lineChart, logTicks, niceTicks, roundLog125 } from './svg-chart';

function parseSvg(svg: string): Document {
  const document = new DOMParser().parseFromString(svg, 'image/svg+xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return document;
}

describe('lineChart', () => {
  const spec = {
    title: 'Fan-out <rooms of 50> & "quotes"',
    subtitle: "2 cores, node's v24",
    xLabel: 'offered rate (messages/s)',
    yLabel: 'delivery latency (ms)',
    yLog: true,
    series: [
      {
        name: 'SUPCHAT p99',
        points: [
          [100, 12],
          [200, 25],
          [400, null],
          [600, 180],
        ] as [number, number | null][],
      },
      {
        name: 'baseline p99',
        points: [
          [100, 5],
          [200, 8],
          [400, 20],
        ] as [number, number | null][],
        dashed: true,
      },
    ],
    thresholds: [{ y: 100, label: '100 ms' }],
  };

  it('writes a well-formed SVG document with the SVG namespace', () => {
    const document = parseSvg(lineChart(spec));
    const root = document.documentElement;
    expect(root.tagName).toBe('svg');
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(root.getAttribute('viewBox')).toBe('0 0 760 440');
  });

  it('escapes text and keeps it readable', () => {
    const document = parseSvg(lineChart(spec));
    const texts = [...document.getElementsByTagName('text')].map((text) => text.textContent);
    expect(texts).toContain('Fan-out <rooms of 50> & "quotes"');
    expect(texts).toContain("2 cores, node's v24");
    expect(texts).toContain('SUPCHAT p99');
    expect(texts).toContain('100 ms');
  });

  it('breaks a line at a missing value and marks every point', () => {
    const document = parseSvg(lineChart(spec));
    // SUPCHAT: a run of two points, a gap, a lone point; baseline: one run of three.
    expect(document.getElementsByTagName('polyline')).toHaveLength(2);
    expect(document.getElementsByTagName('circle')).toHaveLength(6);
    const dashed = [...document.getElementsByTagName('polyline')].filter((line) =>
      line.getAttribute('stroke-dasharray'),
    );
    expect(dashed).toHaveLength(1);
  });

  it('places points inside the plot area and higher values higher up', () => {
    const document = parseSvg(lineChart(spec));
    const circles = [...document.getElementsByTagName('circle')].map((circle) => ({
      x: Number(circle.getAttribute('cx')),
      y: Number(circle.getAttribute('cy')),
    }));
    for (const { x, y } of circles) {
      expect(x).toBeGreaterThanOrEqual(70);
      // The legend's width: 54 px + 7 px for each character of the longest name ("baseline p99").
      expect(x).toBeLessThanOrEqual(760 - (54 + 12 * 7));
      expect(y).toBeGreaterThanOrEqual(62);
      expect(y).toBeLessThanOrEqual(440 - 56);
    }
    // 12 ms at 100/s is drawn lower on the page (larger y) than 180 ms at 600/s.
    expect(circles[0].y).toBeGreaterThan(circles[2].y);
    expect(circles[0].x).toBeLessThan(circles[2].x);
  });

  it('is checked by a parser that does reject broken XML', () => {
    expect(() => parseSvg('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow(/not well-formed/);
    expect(() => parseSvg('<svg xmlns="http://www.w3.org/2000/svg"><text>a & b</text></svg>')).toThrow();
  });

  it('draws an empty chart without failing', () => {
    const document = parseSvg(lineChart({ title: 'empty', xLabel: 'x', yLabel: 'y', series: [] }));
    expect(document.getElementsByTagName('polyline')).toHaveLength(0);
  });
});

describe('ticks and escaping', () => {
  it('picks 1-2-5 steps that cover the range', () => {
    expect(niceTicks(0, 1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(0, 1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5)).toEqual([5, 5.2, 5.4, 5.6, 5.8, 6]);
  });

  it('puts log ticks at 1, 2 and 5 of each decade', () => {
    expect(logTicks(3, 250)).toEqual([5, 10, 20, 50, 100, 200]);
    expect(logTicks(1, 1000)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
  });

  it('rounds a log axis out to 1-2-5 values', () => {
    expect(roundLog125(3, true)).toBe(2);
    expect(roundLog125(3, false)).toBe(5);
    expect(roundLog125(250, false)).toBe(500);
    expect(roundLog125(0.7, true)).toBe(0.5);
    expect(roundLog125(100, true)).toBe(100);
    expect(roundLog125(100, false)).toBe(100);
  });

  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
});
