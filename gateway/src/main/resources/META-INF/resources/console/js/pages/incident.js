// One incident: its milestones, its timeline, and the playbook runs made for it.
import { h, badge, table, when, pre, section, facts } from '../dom.js';
import { api, query } from '../api.js';

export default async function incident(id) {
  const [i, runs] = await Promise.all([api(`/incidents/${encodeURIComponent(id)}`),
    api(`/runs${query({ incident_id: id, limit: 100 })}`)]);
  return [
    h('p', {}, h('a', { href: '#/incidents' }, '← Incidents')),
    h('h1', {}, i.title),
    facts([['Severity', badge(i.severity)], ['Status', badge(i.status)], ['Team', i.team],
      ['Assignees', (i.assignees || []).join(', ')], ['Opened by', i.created_by], ['Detected', when(i.detected_at)],
      ['Acknowledged', when(i.acknowledged_at)], ['Contained', when(i.contained_at)],
      ['Eradicated', when(i.eradicated_at)], ['Recovered', when(i.recovered_at)], ['Resolved', when(i.resolved_at)],
      ['Closed', when(i.closed_at)],
      ['Findings', (i.finding_ids || []).map(f => [h('a', { href: `#/findings/${f}` }, f), ' '])],
      ['Assets', (i.asset_ids || []).map(a => [h('a', { href: `#/assets/${a}` }, a), ' '])]]),
    i.description ? section('Description', h('p', {}, i.description)) : null,
    section('Playbook runs', table('Runs', [
      ['Playbook', r => h('a', { href: `#/runs/${r.id}` }, r.playbook_name || r.playbook_id)],
      ['Status', r => badge(r.status)], ['Started by', r => r.requested_by], ['Started', r => when(r.created_at)],
      ['Waiting steps', r => (r.steps || []).filter(s => s.status === 'waiting').length],
    ], runs.items)),
    section('Timeline', h('ol', { class: 'timeline' }, (i.timeline || []).map(e => h('li', {},
      h('time', { datetime: e.at }, when(e.at)), ' ', h('strong', {}, e.kind), ` by ${e.actor || 'Pillar'}`,
      e.detail && Object.keys(e.detail).length ? h('details', {}, h('summary', {}, 'detail'), pre(e.detail)) : null)))),
    i.review ? section('Review', pre(i.review)) : null,
  ];
}
