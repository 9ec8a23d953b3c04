// A uPlot time-series chart (bundled, no remote code). Series values are per x (unix seconds).
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { timeAxisRange } from './stats-charts';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

export function Chart({ title, x, series }: { title: string; x: number[]; series: ChartSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current || x.length === 0) return;
    const plot = new uPlot(
      {
        title,
        width: 460,
        height: 220,
        scales: { x: { time: true, range: (_plot, min, max) => timeAxisRange(min, max) } },
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2 }))],
      },
      [x, ...series.map((s) => s.values)],
      ref.current,
    );
    return () => plot.destroy();
  }, [title, x, series]);
  if (x.length === 0) {
    return (
      <figure>
        <figcaption>{title}</figcaption>
        <p className="muted">No data yet.</p>
      </figure>
    );
  }
  return <div ref={ref} role="img" aria-label={title} />;
}
