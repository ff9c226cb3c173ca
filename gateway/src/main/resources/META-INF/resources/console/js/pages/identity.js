// Identity: the principals of the caller's teams, and "who can do X" on a resource.
import { h, badge, table, field, when, section } from '../dom.js';
import { api, query } from '../api.js';
import { failure } from '../app.js';

export default async function identity() {
  const principals = await api(`/identity/principals${query({ limit: 200 })}`);
  const action = h('input', { name: 'action', required: true, placeholder: 's3:GetObject' });
  const resource = h('input', { name: 'resource', placeholder: 'arn:aws:s3:::bucket/*' });
  const answer = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline', 'aria-label': 'Who can do an action' },
    field('Action', action), field('Resource', resource), h('button', { type: 'submit' }, 'Who can?'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      const who = await api(`/identity/who-can${query({ action: action.value, resource: resource.value })}`);
      answer.replaceChildren(table(`Who can ${who.action} on ${who.resource || 'any resource'}`, [
        ['Principal', p => p.arn || p.id], ['Type', p => p.type], ['Account', p => p.account],
        ['Decision', p => badge(p.decision)], ['Through', p => [...(p.via || []), p.through_role].filter(Boolean).join(', ')],
      ], who.principals));
    } catch (err) {
      failure(err);
    }
  });
  return [
    h('h1', {}, 'Identity'),
    section('Who can do X', form, answer),
    section('Principals', table('Principals', [
      ['Name', p => p.name], ['Type', p => p.type], ['Source', p => p.source], ['Account', p => p.account || ''],
      ['Team', p => p.team || ''], ['MFA', p => p.mfa_enabled === null || p.mfa_enabled === undefined ? '—'
        : badge(p.mfa_enabled ? 'yes' : 'no', String(p.mfa_enabled))],
      ['Last used', p => when(p.last_used_at)],
    ], principals.items)),
  ];
}
