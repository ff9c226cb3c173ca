// Playbooks: the team's CACAO playbooks, and uploading one (checked first, its errors shown where they are).
import { h, table, field, select, when, section } from '../dom.js';
import { api, may, session, ApiError } from '../api.js';
import { announce } from '../app.js';

export default async function playbooks() {
  const list = await api('/playbooks?limit=200');
  return [
    h('h1', {}, 'Playbooks'),
    may.change() ? section('Upload a CACAO playbook', upload()) : null,
    table('Playbooks', [
      ['Name', p => p.name], ['Team', p => p.team || 'shared'], ['CACAO id', p => h('code', {}, p.cacao_id)],
      ['Version', p => p.latest_version],
      ['Containment', p => (p.versions || []).some(v => v.containment) ? 'yes' : ''],
      ['Updated', p => when(p.updated_at)],
    ], list.items),
  ];
}

function upload() {
  const file = h('input', { type: 'file', name: 'file', accept: '.json,application/json', required: true });
  const team = select('team', session.teams, session.teams[0]);
  const report = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline', 'aria-label': 'Upload a playbook' }, field('CACAO JSON file', file),
    field('Team', team), h('button', { type: 'submit', value: 'validate' }, 'Validate'),
    h('button', { type: 'submit', value: 'import' }, 'Import'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const action = e.submitter ? e.submitter.value : 'import';
    let playbook;
    try {
      playbook = JSON.parse(await file.files[0].text());
    } catch (err) {
      report.replaceChildren(h('p', { class: 'status-error' }, `Not JSON: ${err.message}`));
      return;
    }
    try {
      const path = action === 'validate' ? '/playbooks/validate' : `/playbooks?team=${encodeURIComponent(team.value)}`;
      const answer = await api(path, { method: 'POST', body: playbook });
      const warnings = answer.warnings || [];
      report.replaceChildren(h('p', {}, action === 'validate'
        ? `Valid: ${answer.name}, ${answer.steps} steps.` : `Imported ${answer.playbook.name}, version ${answer.version}.`),
      problems('Warnings', warnings));
      if (action !== 'validate') {
        announce('Playbook imported.');
      }
    } catch (err) {
      const errors = err instanceof ApiError && err.problem && (err.problem.errors || err.problem.violations);
      report.replaceChildren(h('p', { class: 'status-error' }, err.message), problems('Errors', errors || []));
    }
  });
  return h('div', {}, form, report);
}

function problems(caption, list) {
  return table(caption, [['Where', p => h('code', {}, p.path || p.field || '')], ['What', p => p.message]], list);
}
