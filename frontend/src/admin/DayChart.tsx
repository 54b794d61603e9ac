// Chats started and resolved per day, as paired bars (uPlot on a canvas). The canvas is hidden from
// screen readers: the same numbers are in the table the page puts beside it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const STARTED_COLOR = '#4f46e5';
export const RESOLVED_COLOR = '#15803d';
const HEIGHT = 240;
const LABEL_PX = 64;

export interface DayPoint {
  label: string;
  started: number;
  resolved: number;
}

/** Day indexes to label on the x axis: every one when they fit, else every k-th, always the first. */
export function daySplits(n: number, width: number): number[] {
  const fit = Math.max(1, Math.floor(width / LABEL_PX));
  const step = Math.max(1, Math.ceil(n / fit));
  const out: number[] = [];
  for (let i = 0; i < n; i += step) out.push(i);
  return out;
}

export function DayChart({ days, labels }: { days: DayPoint[]; labels: { started: string; resolved: string } }) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const n = days.length;
    const width = Math.max(240, el.clientWidth || 600);
    const bars = uPlot.paths.bars?.({ size: [0.42, 28, 2], align: -1 });
    const barsRight = uPlot.paths.bars?.({ size: [0.42, 28, 2], align: 1 });
    const axis = { stroke: '#4b5563', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#e5e7eb', width: 1 } };
    const opts: uPlot.Options = {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: true, points: { show: false }, drag: { x: false, y: false } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, range: () => [-0.5, Math.max(0, n - 1) + 0.5] },
        y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.1))] },
      },
      axes: [
        {
          ...axis,
          grid: { show: false },
          splits: (u) => daySplits(n, u.bbox.width / devicePixelRatioSafe()),
          values: (_u, splits) => splits.map((i) => days[i]?.label ?? ''),
        },
        { ...axis, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000], size: 48 },
      ],
      series: [
        {},
        { label: labels.started, stroke: STARTED_COLOR, fill: STARTED_COLOR, width: 0, paths: bars, points: { show: false } },
        { label: labels.resolved, stroke: RESOLVED_COLOR, fill: RESOLVED_COLOR, width: 0, paths: barsRight, points: { show: false } },
      ],
    };
    const data: uPlot.AlignedData = [days.map((_, i) => i), days.map((d) => d.started), days.map((d) => d.resolved)];
    const chart = new uPlot(opts, data, el);
    let observer: ResizeObserver | undefined;
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => {
        const w = el.clientWidth;
        if (w > 0 && Math.abs(w - chart.width) > 1) chart.setSize({ width: Math.max(240, w), height: HEIGHT });
      });
      observer.observe(el);
    }
    return () => {
      observer?.disconnect();
      chart.destroy();
    };
  }, [days, labels.started, labels.resolved]);

  return <div className="day-chart" ref={box} aria-hidden="true" />;
}

function devicePixelRatioSafe(): number {
  return typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1;
}
