// One playbook run: its steps, and for a step waiting on a person, approve or reject (when the role allows it).
import { h, badge, table, when, field, section, facts } from '../dom.js';
import { api, may } from '../api.js';
import { announce, failure } from '../app.js';

export default async function run(id) {
  const r = await api(`/runs/${encodeURIComponent(id)}`);
  const waiting = (r.steps || []).filter(s => s.status === 'waiting' && s.inputs && s.inputs.manual === 'true');
  return [
    h('p', {}, r.incident_id ? h('a', { href: `#/incidents/${r.incident_id}` }, '← Incident') : null),
    h('h1', {}, `Run of ${r.playbook_name || r.playbook_id}`),
    facts([['Status', badge(r.status)], ['Team', r.team], ['Started by', r.requested_by],
      ['Simulation', r.simulation ? 'yes' : null], ['Started', when(r.created_at)], ['Finished', when(r.finished_at)],
      ['Error', r.error]]),
    waiting.length ? section('Waiting for a decision', waiting.map(s => decision(r, s))) : null,
    section('Steps', table('Steps', [
      ['Step', s => s.name || s.step_id], ['Status', s => badge(s.status)], ['Outcome', s => s.outcome || ''],
      ['Attempt', s => s.attempt], ['Started', s => when(s.started_at)], ['Finished', s => when(s.finished_at)],
      ['Decided by', s => s.completed_by || ''], ['Comment', s => s.comment || ''], ['Error', s => s.error || ''],
    ], r.steps)),
  ];
}

function decision(r, step) {
  const box = h('div', { class: 'decision' }, h('h3', {}, step.name || step.step_id),
    step.inputs.description ? h('p', {}, step.inputs.description) : null,
    step.deadline ? h('p', {}, `Decide before ${when(step.deadline)}`) : null);
  if (!may.decideSteps()) {
    box.append(h('p', { class: 'note' }, 'Your role may not decide this step.'));
    return box;
  }
  const comment = h('input', { name: 'comment' });
  const send = choice => async () => {
    try {
      await api(`/runs/${r.id}/steps/${encodeURIComponent(step.step_id)}/complete`, { method: 'POST',
        body: { decision: choice, comment: comment.value, key: step.key } });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      announce(`Step ${choice === 'approve' ? 'approved' : 'rejected'}.`);
    } catch (err) {
      failure(err);
    }
  };
  box.append(field('Comment', comment),
    h('button', { type: 'button', class: 'approve', onclick: send('approve') }, 'Approve'), ' ',
    h('button', { type: 'button', class: 'reject', onclick: send('reject') }, 'Reject'));
  return box;
}
