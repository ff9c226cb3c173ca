// One finding: what it is, where, its raw evidence, its history, and a status change when the role allows it.
import { h, badge, table, field, select, when, pre, section, facts } from '../dom.js';
import { api, may } from '../api.js';
import { announce, failure } from '../app.js';
import { STATUSES } from './findings.js';

export default async function finding(id) {
  const detail = await api(`/findings/${encodeURIComponent(id)}`);
  const f = detail.finding;
  const page = [
    h('p', {}, h('a', { href: '#/findings' }, '← Findings')),
    h('h1', {}, f.title),
    facts([
      ['Severity', badge(f.severity)], ['Status', badge(f.status)], ['Reason', f.status_reason],
      ['Status expires', when(f.status_expires_at)], ['Team', f.team], ['Product', f.product], ['Rule', f.rule],
      ['Format', f.format], ['Scope', f.scope], ['Location', f.location], ['Risk score', f.risk_score],
      ['First seen', when(f.first_seen)], ['Last seen', when(f.last_seen)], ['Occurrences', f.occurrences],
      ['Best practices', (f.best_practices || []).join(', ')], ['Compliance', (f.compliance || []).join(', ')],
      ['Assets', (f.asset_ids || []).length ? (f.asset_ids).map(a => [h('a', { href: `#/assets/${a}` }, a), ' ']) : null],
    ]),
    f.description ? section('Description', h('p', {}, f.description)) : null,
    f.remediation ? section('Remediation', h('p', {}, f.remediation)) : null,
    section('Resources', pre(f.resources || [])),
    f.vulnerabilities && f.vulnerabilities.length ? section('Vulnerabilities', pre(f.vulnerabilities)) : null,
    section('Evidence as the scanner reported it', h('p', {}, `Source id ${f.source_uid || '—'}`),
      rawRecord(f.id), h('details', {}, h('summary', {}, 'The whole finding as stored'), pre(f))),
  ];
  if (may.change()) page.push(statusForm(f));
  page.push(section('History', table('Status changes', [
    ['When', c => when(c.at)], ['Who', c => c.actor], ['Change', c => c.change],
    ['From', c => c.from_status || ''], ['To', c => c.to_status || ''], ['Why', c => c.reason || ''],
  ], detail.history, { class: 'history' })));
  if (detail.correlated && detail.correlated.length) {
    page.push(section('Correlated', table('Correlated findings', [
      ['Finding', c => h('a', { href: `#/findings/${c.id}` }, c.id)], ['Product', c => c.product],
      ['Severity', c => badge(c.severity)], ['Status', c => badge(c.status)],
    ], detail.correlated)));
  }
  return page;
}

/** The scanner's own record, fetched when opened (reports can be large). */
function rawRecord(id) {
  const body = h('div', {}, h('p', {}, 'Loading…'));
  const details = h('details', { class: 'raw' }, h('summary', {}, "The scanner's record, as received"), body);
  details.addEventListener('toggle', async () => {
    if (!details.open || details.dataset.loaded) return;
    details.dataset.loaded = 'yes';
    try {
      body.replaceChildren(pre(await api(`/findings/${encodeURIComponent(id)}/raw`)));
    } catch (e) {
      body.replaceChildren(h('p', {}, e.status === 404 ? 'No record was kept for this finding.' : String(e.message)));
    }
  });
  return details;
}

function statusForm(f) {
  const status = select('status', STATUSES, f.status === 'new' ? 'triaged' : f.status);
  const reason = h('input', { name: 'reason', required: true });
  const expires = h('input', { name: 'expires_at', type: 'datetime-local' });
  const form = h('form', { class: 'change', 'aria-label': 'Change status' },
    field('New status', status), field('Reason', reason), field('Expires', expires, 'required for suppressed'),
    h('button', { type: 'submit' }, 'Change status'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const change = { status: status.value, reason: reason.value };
    if (expires.value) change.expires_at = new Date(expires.value).toISOString();
    try {
      await api(`/findings/${f.id}`, { method: 'PATCH', body: change });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      announce(`Status changed to ${change.status}.`);
    } catch (err) {
      failure(err);
    }
  });
  return section('Change status', form);
}
