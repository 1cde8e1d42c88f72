// SVG plots drawn headlessly with vega-lite compiled to vega (renderer 'none': no canvas, no browser).
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface Point {
  x: number;
  y: number;
  series: string;
  /** Which statistic (p50, p99): drawn as the line's dash, so one series keeps one colour. */
  stat: string;
}

export interface LineChart {
  title: string;
  xTitle: string;
  yTitle: string;
  points: Point[];
  logX?: boolean;
  logY?: boolean;
}

export async function lineChartSvg(chart: LineChart): Promise<string> {
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: new Set(chart.points.map((p) => p.stat)).size > 1 ? `${chart.title} (solid p50, dashed p99)` : chart.title,
    width: 560,
    height: 320,
    background: 'white',
    data: { values: chart.points },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: chart.xTitle,
        scale: chart.logX ? { type: 'log', base: 2 } : { zero: false },
      },
      y: { field: 'y', type: 'quantitative', title: chart.yTitle, scale: chart.logY ? { type: 'log' } : {} },
      color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'right', labelLimit: 320 } },
      // Dashes tell the statistic apart (the title says which is which): a dash legend does not render headlessly.
      strokeDash: { field: 'stat', type: 'nominal', sort: ['p50', 'p99'], legend: null },
    },
  };
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
