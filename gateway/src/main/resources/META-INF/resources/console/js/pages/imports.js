// Imports: upload a scanner report, an asset export or an identity export; follow the job; see what was rejected.
import { h, badge, table, field, select, when, section, facts } from '../dom.js';
import { api, query, may, session, hasRole } from '../api.js';
import { announce, failure } from '../app.js';

const KINDS = {
  findings: { label: 'Scanner report (findings)', path: '/findings/imports', scope: true },
  assets: { label: 'Asset export (inventory)', path: '/assets/imports', scope: true },
  identity: { label: 'Identity export (IAM)', path: '/identity/imports', scope: false },
};

export default async function imports() {
  const [findingJobs, assetJobs, formats] = await Promise.all([
    api(`/findings/imports${query({ limit: 25 })}`), api(`/assets/imports${query({ limit: 25 })}`),
    api('/findings/formats').catch(() => null)]);
  const page = [h('h1', {}, 'Imports')];
  if (may.importReports()) page.push(section('Upload', uploadForm(formats)));
  page.push(section('Recent scanner reports', jobs(findingJobs.items, 'Scanner report imports')),
    section('Recent asset exports', jobs(assetJobs.items, 'Asset imports')));
  return page;
}

function jobs(items, caption) {
  return table(caption, [
    ['Started', j => when(j.started_at)], ['Status', j => badge(j.status)], ['Format', j => j.format],
    ['Team', j => j.team || ''], ['Scope', j => j.scope || ''], ['Received', j => j.received],
    ['Created', j => j.created], ['Updated', j => j.updated], ['Rejected', j => j.rejected],
    ['By', j => j.requested_by || ''],
  ], items);
}

function uploadForm(formats) {
  const kinds = Object.entries(KINDS).filter(([k]) => k !== 'identity' || hasRole('analyst', 'admin'));
  const kind = select('kind', kinds.map(([k, v]) => [k, v.label]), 'findings');
  const names = formats && formats.items ? formats.items.map(f => f.name || f.format || f) : [];
  const format = h('input', { name: 'format', list: 'formats', placeholder: 'detected when empty' });
  const team = select('team', ['', ...session.teams], session.teams.length === 1 ? session.teams[0] : '');
  const scope = h('input', { name: 'scope', placeholder: 'image:shop-api' });
  const file = h('input', { name: 'file', type: 'file', required: true });
  const progress = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'inline', 'aria-label': 'Upload an import' },
    field('Kind', kind), field('Format', format), h('datalist', { id: 'formats' }, names.map(n => h('option', { value: n }))),
    field('Team', team), field('Scope', scope, 'what disappears from a later import of it is resolved'),
    field('File', file), h('button', { type: 'submit' }, 'Import'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const chosen = KINDS[kind.value];
    const path = `${chosen.path}${query({ format: format.value, team: team.value,
      scope: chosen.scope ? scope.value : '' })}`;
    const started = new Date();
    const watch = kind.value === 'identity' ? null : follow(chosen.path, started, progress);
    try {
      progress.replaceChildren(h('p', {}, `Uploading ${file.files[0].name}…`));
      const job = await api(path, { method: 'POST', body: file.files[0] });
      clearInterval(watch);
      progress.replaceChildren(result(job, kind.value));
      announce(`Import ${job.status}: ${job.received} received, ${job.rejected} rejected.`,
        job.status === 'failed' ? 'error' : 'info');
    } catch (err) {
      clearInterval(watch);
      progress.replaceChildren();
      failure(err);
    }
  });
  return h('div', {}, form, progress);
}

/** While the upload runs, the job's counts as the service commits them, batch by batch. */
function follow(path, started, progress) {
  return setInterval(async () => {
    try {
      const running = await api(`${path}${query({ status: 'running', since: started.toISOString(), limit: 5 })}`);
      const mine = running.items.find(j => j.requested_by === session.user) || running.items[0];
      if (mine) progress.replaceChildren(h('p', {}, `Importing: ${mine.received} received, ${mine.created} created, `
        + `${mine.rejected} rejected so far`));
    } catch {
      // the answer to the upload says how it ended
    }
  }, 1000);
}

function result(job, kind) {
  return h('div', {}, facts([['Job', job.id], ['Status', badge(job.status)], ['Format', job.format],
    ['Received', job.received], ['Created', job.created], ['Updated', job.updated], ['Unchanged', job.unchanged],
    ['Resolved', job.resolved], ['Removed', job.removed], ['Rejected', job.rejected], ['Failure', job.failure],
    ['Findings', kind === 'findings' ? h('a', { href: `#/findings?import_id=${job.id}` }, 'the findings of this import') : null]]),
  table('Rejected records', [['Record', r => r.index ?? r.path ?? ''], ['Reason', r => r.reason || r.message || '']],
    job.errors || []));
}
