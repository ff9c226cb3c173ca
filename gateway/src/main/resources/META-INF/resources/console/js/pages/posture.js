// Posture: every Well-Architected best practice of a scope with its status and why, the improvement plan, the report.
import { h, badge, table, section, field, select } from '../dom.js';
import { api, query, download, defaultScope, session, hasRole } from '../api.js';
import { failure, announce } from '../app.js';

export const STATUSES = ['high_risk', 'medium_risk', 'no_evidence', 'met', 'not_applicable'];

/** The scopes offered: the organisation and each of the person's teams. */
export function scopes() {
  const own = session.teams.map(t => [`team:${t}`, `team ${t}`]);
  return [['org', hasRole('auditor', 'admin') ? 'organisation' : 'organisation (your teams)'], ...own];
}

export default async function posture() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const scope = params.get('scope') || defaultScope();
  const [doc, plan] = await Promise.all([api(`/posture${query({ scope })}`), api(`/posture/plan${query({ scope })}`)]);
  const chooser = select('scope', scopes().some(([v]) => v === scope) ? scopes() : [...scopes(), [scope, scope]], scope);
  chooser.addEventListener('change', () => { location.hash = `#/posture${query({ scope: chooser.value })}`; });
  const file = scope.replace(/[^A-Za-z0-9._-]/g, '_');
  const report = format => h('button', { type: 'button', onclick: () => download(`/posture/report${query({ scope, format })}`,
    `posture-${file}.${format}`).then(() => announce(`The ${format.toUpperCase()} report is downloaded.`), failure) },
    `Download the report (${format.toUpperCase()})`);
  const unavailable = Object.entries(doc.unavailable || {});
  return [
    h('h1', {}, 'Well-Architected posture'),
    h('form', { class: 'filters', onsubmit: e => e.preventDefault() }, field('Scope', chooser)),
    h('p', {}, `${doc.framework}, catalog ${doc.catalog}; computed ${doc.computed_at} over the data of your teams.`),
    unavailable.length ? h('p', { class: 'status-error', role: 'alert' },
      `Evidence unavailable from ${unavailable.map(([s, why]) => `${s} (${why})`).join(', ')}.`) : null,
    h('div', { class: 'cards' }, STATUSES.map(s => h('div', { class: 'card' },
      h('strong', {}, String(doc.summary[s] || 0)), badge(s.replace('_', ' '), s)))),
    h('p', {}, report('html'), ' ', report('pdf')),
    section('Improvement plan', planTable(plan.items.filter(i => i.status !== 'no_evidence').slice(0, 20))),
    ...doc.questions.map(q => section(`${q.id} ${q.title}`, table(`Best practices of ${q.id}`, [
      ['Best practice', p => `${p.id} ${p.title}`],
      ['Status', p => badge(p.status.replace('_', ' '), p.status)],
      ['Why', p => p.reasons.join('; ')],
      ['Open findings', p => findingsLink(p)],
      ['Sources', p => p.evidence.sources.map(s => s.id).join(', ')],
      ['Attestation', p => p.evidence.attestation ? `${p.evidence.attestation.status} until `
        + `${p.evidence.attestation.expires_at.slice(0, 10)} (${p.evidence.attestation.owner})` : ''],
    ], q.best_practices))),
  ];
}

function findingsLink(p) {
  const o = p.evidence.findings.open;
  const n = o.critical + o.high + o.medium + o.low;
  return n ? h('a', { href: `#/findings${query({ best_practice: p.id })}` }, `${n} (${o.critical} critical, ${o.high} high)`) : '0';
}

export function planTable(items) {
  return table('Improvement plan', [
    ['#', i => i.rank], ['Best practice', i => `${i.best_practice} ${i.title}`],
    ['Status', i => badge(i.status.replace('_', ' '), i.status)], ['Risk removed', i => Math.round(i.risk_removed)],
    ['First findings', i => (i.findings || []).slice(0, 3).map(f => h('div', {}, h('a', { href: `#/findings/${f.id}` }, f.title)))],
    ['Failing measures', i => (i.failing_measures || []).map(m => h('div', {}, m.detail))],
  ], items);
}
