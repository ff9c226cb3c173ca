// The audit ledger (auditors): the newest entries, filtered, and a check of the whole hash chain.
import { h, badge, table, field, when, section, facts, pre } from '../dom.js';
import { api, query } from '../api.js';
import { failure } from '../app.js';

export default async function audit() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  const filter = { actor: params.get('actor') || '', action: params.get('action') || '', outcome: params.get('outcome') || '' };
  const page = await api(`/audit${query({ ...filter, limit: 100 })}`);
  const form = h('form', { class: 'filters', 'aria-label': 'Filter the audit log' },
    field('Action contains', h('input', { name: 'action', value: filter.action })),
    field('Outcome', h('input', { name: 'outcome', value: filter.outcome, placeholder: 'success, failure, denied' })),
    h('button', { type: 'submit' }, 'Apply'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    location.hash = `#/audit${query(Object.fromEntries(new FormData(form)))}`;
  });
  const result = h('div', { 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', onclick: async () => {
    try {
      result.replaceChildren(h('p', {}, 'Verifying…'));
      const v = await api('/audit/verify?full=true');
      result.replaceChildren(facts([['Chain', badge(v.valid ? 'valid' : 'broken', String(v.valid))],
        ['Entries checked', `${v.entries_checked} of ${v.entries}`], ['Head', `#${v.head_seq} ${v.head_hash || ''}`],
        ['Checkpoints', v.checkpoints], ['First bad entry', v.first_bad_seq]]),
      (v.problems || []).length ? pre(v.problems) : null);
    } catch (err) {
      failure(err);
    }
  } }, 'Verify the chain');
  return [
    h('h1', {}, 'Audit log'),
    section('Chain verification', verify, result),
    form,
    table('Audit entries', [
      ['#', e => e.seq], ['When', e => when(e.occurred_at)], ['Actor', e => e.actor], ['Client', e => e.client || ''],
      ['Action', e => e.action], ['Resource', e => e.resource || ''], ['Outcome', e => badge(e.outcome)],
      ['From', e => e.source_ip || ''], ['Source', e => e.source],
    ], page.items),
  ];
}
