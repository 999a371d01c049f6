// uPlot charts shared by the timeline and the simulator: width follows the container (phone to
// desktop), doses drawn as dashed lines with a triangle and a text label, and x zoom shared between
// stacked panels so they keep one time axis.

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Marker {
  x: number;
  label: string;
}

// Line colours keep at least 3:1 contrast on white (WCAG 1.4.11); every series also differs by
// dash or point style and carries a text label, so no meaning rests on colour.
export const palette = {
  mitragynine: '#0b5cad',
  hydroxy: '#a14f00',
  withdrawal: '#6b2fa3',
  anxiety: '#b00020',
  mood: '#1b6e35',
  marker: '#333333',
};

const markerHeadPx = 7;

function drawMarkers(plot: uPlot, markers: Marker[]): void {
  const { ctx } = plot;
  const { left, top, width, height } = plot.bbox;
  const ratio = window.devicePixelRatio || 1;
  ctx.save();
  ctx.strokeStyle = palette.marker;
  ctx.fillStyle = palette.marker;
  ctx.lineWidth = ratio;
  ctx.font = `${11 * ratio}px system-ui, sans-serif`;
  for (const marker of markers) {
    const x = Math.round(plot.valToPos(marker.x, 'x', true));
    if (x < left || x > left + width) continue;
    ctx.setLineDash([4 * ratio, 3 * ratio]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.setLineDash([]);
    const head = markerHeadPx * ratio;
    ctx.beginPath();
    ctx.moveTo(x - head, top);
    ctx.lineTo(x + head, top);
    ctx.lineTo(x, top + head * 1.4);
    ctx.closePath();
    ctx.fill();
    ctx.fillText(marker.label, x + head + 2 * ratio, top + head * 1.4);
  }
  ctx.restore();
}

export function markerPlugin(markers: () => Marker[]): uPlot.Plugin {
  return { hooks: { draw: (plot) => drawMarkers(plot, markers()) } };
}

/// A series drawn as points only (check-ins), filled or hollow.
export function pointSeries(label: string, colour: string, filled: boolean, scale: string): uPlot.Series {
  return {
    label,
    scale,
    stroke: colour,
    width: 0,
    paths: () => null,
    points: { show: true, size: 9, width: 2, stroke: colour, fill: filled ? colour : '#ffffff' },
  };
}

export function lineSeries(label: string, colour: string, scale: string, dash?: number[]): uPlot.Series {
  return { label, scale, stroke: colour, width: 2, dash, spanGaps: true, points: { show: false } };
}

// Fixed axis widths keep stacked panels' plotting areas aligned, so a dose marker sits at the
// same x in each.
const axisWidthPx = 56;

/// A y axis on the left (side 3) or right (side 1).
export function yAxis(scale: string, label: string, side: 1 | 3 = 3): uPlot.Axis {
  return { scale, label, side, size: axisWidthPx, grid: { show: side === 3 } };
}

const chartHeightPx = 220;

/// Mounts a chart whose width follows `container`.
export function mountChart(
  container: HTMLElement,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
): uPlot {
  const width = () => Math.max(280, container.clientWidth);
  const plot = new uPlot({ ...options, width: width(), height: chartHeightPx }, data, container);
  new ResizeObserver(() => plot.setSize({ width: width(), height: chartHeightPx })).observe(container);
  return plot;
}

/// Zooming one panel on x zooms the others to the same range.
export function syncX(plots: uPlot[]): void {
  let syncing = false;
  for (const plot of plots) {
    (plot.hooks.setScale ??= []).push((source: uPlot, key: string) => {
      if (key !== 'x' || syncing) return;
      syncing = true;
      const { min, max } = source.scales.x;
      if (min != null && max != null) {
        for (const other of plots) if (other !== source) other.setScale('x', { min, max });
      }
      syncing = false;
    });
  }
}

/// Keyboard-reachable zoom: narrows or widens the x range around its centre.
export function zoomX(plots: uPlot[], factor: number, full: [number, number]): void {
  const { min, max } = plots[0].scales.x;
  if (min == null || max == null) return;
  const centre = (min + max) / 2;
  const half = Math.min(((max - min) * factor) / 2, (full[1] - full[0]) / 2);
  const lo = Math.max(full[0], centre - half);
  const hi = Math.min(full[1], lo + 2 * half);
  for (const plot of plots) plot.setScale('x', { min: lo, max: hi });
}

export { uPlot };
