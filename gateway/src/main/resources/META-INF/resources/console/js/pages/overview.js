// Overview: posture by Well-Architected question, open findings by severity and their trend, the riskiest resources,
// and the open incidents with times to contain.
import { h, badge, table, when, section } from '../dom.js';
import { api, query, defaultScope } from '../api.js';
import { containTable } from './incidents.js';

const OPEN = ['new', 'triaged', 'in_progress'];
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];

export default async function overview() {
  const scope = defaultScope();
  // the posture of a large organisation takes seconds to compute: the rest of the page does not wait for it
  const posture = h('div', {}, h('p', {}, 'Computing the posture…'));
  api(`/posture${query({ scope })}`).then(p => posture.replaceChildren(postureTable(p, scope)),
    e => posture.replaceChildren(h('p', { class: 'error' }, `The posture could not be computed: ${e.message}`)));
  const [open, risky, incidents, metrics, trend] = await Promise.all([
    api(`/findings${query({ status: OPEN, limit: 1, facets: 'severity,team' })}`),
    api(`/findings${query({ status: OPEN, sort: 'risk', limit: 200 })}`),
    api(`/incidents${query({ limit: 50 })}`),
    api('/incidents/metrics'),
    api(`/posture/trend${query({ scope, days: 90 })}`).catch(() => ({ items: [] }))]);
  const bySeverity = (open.facets && open.facets.severity) || {};
  return [
    h('h1', {}, 'Overview'),
    section(`Posture by Well-Architected question (${scope})`, posture),
    section('Open findings over time', lines(trend.items)),
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

function postureTable(posture, scope) {
  return table('Posture by question', [
    ['Question', q => h('a', { href: `#/posture${query({ scope })}` }, q.id)], ['Title', q => q.title],
    ['High risk', q => q.high_risk ? badge(String(q.high_risk), 'high_risk') : '0'],
    ['Medium risk', q => q.medium_risk ? badge(String(q.medium_risk), 'medium_risk') : '0'],
    ['Met', q => `${q.best_practices.filter(p => p.status === 'met' || p.status === 'not_applicable').length}`
      + ` of ${q.best_practices.length}`],
  ], posture.questions);
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

/** The daily snapshots' open findings by severity as lines (SVG), or why there are none yet. */
function lines(points) {
  if (!points.length) return h('p', { class: 'empty' }, 'No daily snapshot of this scope yet.');
  const shown = SEVERITIES.slice(0, 4);
  const max = Math.max(1, ...points.flatMap(p => shown.map(s => (p.open_findings || {})[s] || 0)));
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 520 160');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  const last = points[points.length - 1];
  svg.setAttribute('aria-label', `open findings from ${points[0].day} to ${last.day}; on ${last.day}: `
    + shown.map(s => `${s} ${(last.open_findings || {})[s] || 0}`).join(', '));
  const x = i => points.length === 1 ? 260 : 20 + i * 480 / (points.length - 1);
  const y = v => 130 - Math.round(120 * v / max);
  for (const s of shown) {
    const line = document.createElementNS(ns, 'polyline');
    line.setAttribute('points', points.map((p, i) => `${x(i)},${y((p.open_findings || {})[s] || 0)}`).join(' '));
    line.setAttribute('class', `line-${s}`);
    svg.append(line);
    points.forEach((p, i) => {
      const dot = document.createElementNS(ns, 'circle');
      Object.entries({ cx: x(i), cy: y((p.open_findings || {})[s] || 0), r: 3, class: `bar-${s}` })
        .forEach(([k, v]) => dot.setAttribute(k, v));
      svg.append(dot);
    });
  }
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', 20);
  label.setAttribute('y', 152);
  label.textContent = `${points[0].day} to ${last.day}: ${shown.join(', ')}`;
  svg.append(label);
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
