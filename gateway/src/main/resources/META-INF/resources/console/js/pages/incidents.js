// Incidents: the open ones first, and how long each team takes to contain them.
import { h, badge, table, field, select, when, section } from '../dom.js';
import { api, query, may } from '../api.js';
import { announce, failure } from '../app.js';

const STATUSES = ['', 'open', 'acknowledged', 'contained', 'eradicated', 'recovered', 'resolved', 'closed'];

export default async function incidents() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const status = params.get('status') || '';
  const [page, metrics] = await Promise.all([api(`/incidents${query({ status, limit: 100 })}`),
    api('/incidents/metrics')]);
  const filter = h('form', { class: 'filters', 'aria-label': 'Filter incidents' },
    field('Status', select('status', STATUSES, status)), h('button', { type: 'submit' }, 'Apply'));
  filter.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = `#/incidents${query(Object.fromEntries(new FormData(filter)))}`;
  });
  return [
    h('h1', {}, 'Incidents'),
    may.change() ? newIncident() : null,
    filter,
    table('Incidents', [
      ['Severity', i => badge(i.severity)],
      ['Title', i => h('a', { href: `#/incidents/${i.id}` }, i.title)],
      ['Status', i => badge(i.status)], ['Team', i => i.team],
      ['Detected', i => when(i.detected_at)], ['Contained', i => when(i.contained_at) || '—'],
    ], page.items),
    section('Time to contain', containTable(metrics)),
  ];
}

export function containTable(metrics) {
  return table('Time to contain by team and severity', [
    ['Team', g => g.team], ['Severity', g => badge(g.severity)], ['Incidents', g => g.incidents],
    ['Open', g => g.open], ['Median to contain', g => duration(g.seconds_to && g.seconds_to.contain)],
    ['p90 to contain', g => duration(g.seconds_to && g.seconds_to.contain, 'p90')],
  ], metrics.groups || []);
}

export function duration(stat, which = 'median') {
  const s = stat && stat[which];
  if (s === null || s === undefined) return '—';
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function newIncident() {
  const title = h('input', { name: 'title', required: true });
  const severity = select('severity_id', [['2', 'low'], ['3', 'medium'], ['4', 'high'], ['5', 'critical']], '3');
  const form = h('form', { class: 'inline', 'aria-label': 'Open an incident' },
    field('Title', title), field('Severity', severity), h('button', { type: 'submit' }, 'Open incident'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const made = await api('/incidents', { method: 'POST', body: { title: title.value,
        severity_id: Number(severity.value) } });
      location.hash = `#/incidents/${made.id}`;
      announce('Incident opened.');
    } catch (err) {
      failure(err);
    }
  });
  return h('details', {}, h('summary', {}, 'Open an incident'), form);
}
