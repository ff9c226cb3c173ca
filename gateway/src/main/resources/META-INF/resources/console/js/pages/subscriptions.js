// Team subscriptions: which findings each team receives on its Kafka topic.
import { h, table, field, select, when } from '../dom.js';
import { api, may, session } from '../api.js';
import { announce, failure } from '../app.js';

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'];

export default async function subscriptions() {
  const list = await api('/subscriptions');
  const items = list.items || list;
  const columns = [
    ['Team', s => s.team], ['Topic', s => h('code', {}, s.topic)], ['Severity', s => (s.severity || []).join(', ') || 'any'],
    ['Status', s => (s.status || []).join(', ') || 'any'], ['Product', s => (s.product || []).join(', ') || 'any'],
    ['Control', s => (s.control || []).join(', ') || 'any'],
    ['Asset tags', s => Object.entries(s.asset_tag || {}).map(([k, v]) => `${k}=${v}`).join(', ') || 'any'],
    ['By', s => s.created_by], ['Since', s => when(s.created_at)]];
  if (may.change()) {
    columns.push(['', s => h('button', { type: 'button', 'aria-label': `Delete the subscription of ${s.team}`,
      onclick: async () => {
        try {
          await api(`/subscriptions/${s.id}`, { method: 'DELETE' });
          window.dispatchEvent(new HashChangeEvent('hashchange'));
          announce('Subscription deleted.');
        } catch (err) {
          failure(err);
        }
      } }, 'Delete')]);
  }
  return [h('h1', {}, 'Team subscriptions'), may.change() ? newSubscription() : null,
    table('Subscriptions', columns, items)];
}

function newSubscription() {
  const team = select('team', session.teams, session.teams[0]);
  const severity = h('fieldset', {}, h('legend', {}, 'Severities'), SEVERITIES.map(s => h('label', {},
    h('input', { type: 'checkbox', name: 'severity', value: s, checked: s === 'critical' || s === 'high' }), ` ${s} `)));
  const product = h('input', { name: 'product', placeholder: 'any' });
  const form = h('form', { class: 'inline', 'aria-label': 'Subscribe a team' }, field('Team', team), severity,
    field('Product', product), h('button', { type: 'submit' }, 'Subscribe'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { team: team.value, severity: [...form.querySelectorAll('input[name=severity]:checked')].map(c => c.value) };
    if (product.value) body.product = [product.value];
    try {
      await api('/subscriptions', { method: 'POST', body });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      announce(`Team ${body.team} subscribed.`);
    } catch (err) {
      failure(err);
    }
  });
  return form;
}
