// Inline SVG charts, drawn from code: a column chart for series over time and a bar list for breakdowns.

import { compact, h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, String(v));
  }
  children.forEach((c) => el.append(c));
  return el;
}

/**
 * Columns for points [{label, value, failed?}] (failed: the part of value drawn as errors), with a y axis of
 * three gridlines. Scales to its container's width.
 */
export function columns(title, points, unit = '') {
  const width = 380;
  const height = 190;
  const left = 40;
  const bottom = 24;
  const top = 10;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart' });
  svg.append(s('title', {}, title));
  for (let i = 0; i <= 3; i++) {
    const y = top + plotH - (plotH * i) / 3;
    svg.append(s('line', { x1: left, x2: width - 8, y1: y, y2: y, class: 'grid' }));
    const label = s('text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' });
    label.textContent = compact(Math.round((max * i) / 3));
    svg.append(label);
  }
  const step = plotW / Math.max(1, points.length);
  const barW = Math.max(2, Math.min(28, step * 0.7));
  const every = Math.ceil(points.length / 7);
  points.forEach((p, i) => {
    const x = left + i * step + (step - barW) / 2;
    const total = (plotH * p.value) / max;
    const failed = (plotH * (p.failed || 0)) / max;
    const bar = s('rect', { x, y: top + plotH - total, width: barW, height: Math.max(0, total - failed), class: 'bar' });
    bar.append(s('title', {}, `${p.label}: ${compact(p.value)}${unit}${p.failed ? `, ${compact(p.failed)} failed` : ''}`));
    svg.append(bar);
    if (failed > 0) {
      svg.append(s('rect', { x, y: top + plotH - failed, width: barW, height: failed, class: 'bar failed' }));
    }
    if (i % every === 0) {
      const t = s('text', { x: x + barW / 2, y: height - 6, class: 'axis', 'text-anchor': 'middle' });
      t.textContent = p.label;
      svg.append(t);
    }
  });
  return h('figure', { class: 'chart-card' }, h('figcaption', {}, title), svg);
}

/** Horizontal bars for rows [{label, value, note?}], biggest first, each as wide as its share of the largest. */
export function bars(title, rows, format = compact) {
  const sorted = [...rows].sort((a, b) => b.value - a.value);
  const max = Math.max(1, ...sorted.map((r) => r.value));
  return h('figure', { class: 'chart-card' },
    h('figcaption', {}, title),
    sorted.length ? h('ul', { class: 'bars' }, sorted.map((r) => {
      const track = s('svg', { viewBox: '0 0 100 8', preserveAspectRatio: 'none', class: 'bar-track', 'aria-hidden': 'true' });
      track.append(s('rect', { x: 0, y: 0, width: Math.max(0.5, (100 * r.value) / max), height: 8, class: 'bar' }));
      return h('li', {},
        h('span', { class: 'bar-label', title: r.label }, r.label),
        h('span', { class: 'bar-value' }, format(r.value), r.note ? h('small', { class: 'muted' }, ` ${r.note}`) : null),
        track);
    })) : h('p', { class: 'muted empty' }, 'Nothing yet.'));
}
