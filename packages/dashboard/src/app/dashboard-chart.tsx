import { useLayoutEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatClock } from './dashboard-format.js';

const steppedPaths = uPlot.paths.stepped?.({ align: 1 });

/** One line of a chart; lines differ by dash as well as colour. */
export type ChartSeries = { label: string; stroke: string; dash?: number[]; stepped?: boolean };

type ChartProps = {
  /** The figure's caption: what the chart shows. */
  title: string;
  /** The chart in words (latest and peak values), for readers who cannot see the canvas. */
  description: string;
  /** The y axis's label, e.g. `tasks/s`. */
  unit: string;
  series: readonly ChartSeries[];
  /** Times (epoch ms) first, then one array of values per series. */
  data: uPlot.AlignedData;
};

const chartHeight = 220;

/**
 * A uPlot time-series chart in a figure with a caption and a text description. The plot is made
 * once and then only fed new data, and it follows its container's width.
 */
export function DashboardChart({ title, description, unit, series, data }: ChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    // Canvas cannot take CSS colours, so the axes take the text colour the page resolved.
    const ink = getComputedStyle(element).color;
    const grid = getComputedStyle(element).getPropertyValue('--grid').trim() || 'rgba(128,128,128,0.25)';
    const axis = { stroke: ink, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const created = new uPlot(
      {
        width: Math.max(200, element.clientWidth),
        height: chartHeight,
        ms: 1,
        scales: { y: { range: (_plot, _minimum, maximum) => [0, Math.max(1, maximum * 1.1)] } },
        // The time axis in the 24-hour clock the tables use, spaced for its labels.
        axes: [
          { ...axis, space: 80, values: (_plot, ticks) => ticks.map((time) => formatClock(time)) },
          { ...axis, label: unit, size: 56 },
        ],
        series: [
          { label: 'Time' },
          ...series.map((line) => ({
            label: line.label,
            stroke: line.stroke,
            width: 2,
            points: { show: false },
            ...(line.dash ? { dash: line.dash } : {}),
            ...(line.stepped && steppedPaths ? { paths: steppedPaths } : {}),
          })),
        ],
      },
      data,
      element,
    );
    plot.current = created;
    const resize = new ResizeObserver(() => created.setSize({ width: Math.max(200, element.clientWidth), height: chartHeight }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = undefined;
    };
    // Made once per series set; new data goes through setData below, which redraws in place.
  }, [series, unit]);

  useLayoutEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return (
    <figure class="chart">
      <figcaption>
        <span class="chart-title">{title}</span> <span class="chart-description">{description}</span>
      </figcaption>
      <div class="chart-plot" ref={container} aria-hidden="true" />
    </figure>
  );
}
