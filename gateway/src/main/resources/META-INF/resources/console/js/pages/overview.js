// Overview: open findings by severity, the riskiest resources, and the open incidents with times to contain.
import { h, badge, table, when, section } from '../dom.js';
import { api, query } from '../api.js';
import { containTable } from './incidents.js';

const OPEN = ['new', 'triaged', 'in_progress'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];

export default async function overview() {
  const [open, risky, incidents, metrics] = await Promise.all([
    api(`/findings${query({ status: OPEN, limit: 1, facets: 'severity,team' })}`),
    api(`/findings${query({ status: OPEN, sort: 'risk', limit: 200 })}`),
    api(`/incidents${query({ limit: 50 })}`),
    api('/incidents/metrics')]);
  const bySeverity = (open.facets && open.facets.severity) || {};
  return [
    h('h1', {}, 'Overview'),
    section('Open findings by severity',
      h('div', { class: 'cards' }, SEVERITIES.map(s => h('a', { class: 'card', href: `#/findings?severity=${s}` },
        h('strong', {}, String(bySeverity[s] || 0)), badge(s)))),
      bars(bySeverity)),
    section('Riskiest resources', riskiest(risky.items)),
    section('Open incidents', table('Open incidents', [
      ['Severity', i => badge(i.severity)], ['Title', i => h('a', { href: `#/incidents/${i.id}` }, i.title)],
      ['Status', i => badge(i.status)], ['Team', i => i.team], ['Detected', i => when(i.detected_at)],
    ], incidents.items.filter(i => !['resolved', 'closed'].includes(i.status)))),
    section('Time to contain', containTable(metrics)),
  ];
}

/** A bar chart of the open findings by severity (SVG drawn here, labelled for screen readers). */
function bars(counts) {
  const max = Math.max(1, ...SEVERITIES.map(s => counts[s] || 0));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 520 150');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', SEVERITIES.map(s => `${s} ${counts[s] || 0}`).join(', '));
  SEVERITIES.forEach((s, i) => {
    const height = Math.round(110 * (counts[s] || 0) / max);
    const rect = document.createElementNS(ns, 'rect');
    Object.entries({ x: 20 + i * 100, y: 120 - height, width: 70, height, class: `bar-${s}` })
      .forEach(([k, v]) => rect.setAttribute(k, v));
    const label = document.createElementNS(ns, 'text');
    label.setAttribute('x', 20 + i * 100);
    label.setAttribute('y', 138);
    label.textContent = `${s} (${counts[s] || 0})`;
    svg.append(rect, label);
  });
  return svg;
}

/** The resources whose open findings carry the most risk, from the riskiest findings first. */
function riskiest(findings) {
  const byResource = new Map();
  for (const f of findings) {
    const r = (f.resources && f.resources[0]) || {};
    const key = r.uid || r.name || f.location;
    if (!key) continue;
    const entry = byResource.get(key) || { key, type: r.type, team: f.team, top: 0, count: 0, asset: (f.asset_ids || [])[0] };
    entry.top = Math.max(entry.top, f.risk_score || 0);
    entry.count++;
    byResource.set(key, entry);
  }
  const rows = [...byResource.values()].sort((a, b) => b.top - a.top || b.count - a.count).slice(0, 10);
  return table('Riskiest resources', [
    ['Resource', r => r.asset ? h('a', { href: `#/assets/${r.asset}` }, r.key) : r.key],
    ['Type', r => r.type || ''], ['Team', r => r.team || ''], ['Highest risk', r => r.top],
    ['Open findings (of the 200 riskiest)', r => r.count],
    ['', r => h('a', { href: `#/findings?q=${encodeURIComponent(r.key)}` }, 'findings')],
  ], rows);
}
