// MEVO query page: loads the example catalogue from the endpoint, runs queries, renders SPARQL JSON results.
(function () {
  const endpoint = '/mevo/sparql';
  const examplesQuery = window.MEVO_EXAMPLES_QUERY; // examples-catalogue.js
  const select = document.getElementById('examples');
  const textarea = document.getElementById('query');
  const question = document.getElementById('question');
  const status = document.getElementById('status');
  const errorBox = document.getElementById('error');
  const results = document.getElementById('results');
  let examples = [];
  const params = new URLSearchParams(location.search);
  if (params.get('noeditor')) document.getElementById('notice').textContent =
    'The YASGUI query editor is not installed on this server (npm ci in tools/site-build); this is the plain query page.';
  if (params.get('query')) textarea.value = params.get('query');

  function sparql(query) {
    const body = new URLSearchParams({ query: query });
    return fetch(endpoint, { method: 'POST', body: body,
      headers: { 'Accept': 'application/sparql-results+json', 'Content-Type': 'application/x-www-form-urlencoded' } })
      .then(r => r.ok ? r.json() : r.text().then(t => { throw new Error('HTTP ' + r.status + '\n' + t); }));
  }

  function cell(v) {
    if (!v) return document.createTextNode('');
    if (v.type === 'uri') {
      const a = document.createElement('a');
      const local = v.value.startsWith('https://w3id.org/mevo/') ? '/' + v.value.substring('https://w3id.org/mevo/'.length) : v.value;
      a.href = local; a.textContent = v.value; return a;
    }
    return document.createTextNode(v.value);
  }

  function render(json) {
    results.innerHTML = '';
    if (typeof json.boolean === 'boolean') { results.textContent = 'Answer: ' + json.boolean; return; }
    const vars = json.head.vars, rows = json.results.bindings;
    const table = document.createElement('table'); table.id = 'result-table';
    const head = table.insertRow();
    vars.forEach(v => { const th = document.createElement('th'); th.textContent = v; head.appendChild(th); });
    rows.forEach(b => { const tr = table.insertRow(); tr.className = 'result-row';
      vars.forEach(v => tr.insertCell().appendChild(cell(b[v]))); });
    results.appendChild(table);
    status.textContent = rows.length + ' row(s)';
  }

  document.getElementById('run').addEventListener('click', () => {
    errorBox.textContent = ''; status.textContent = 'running...';
    sparql(textarea.value).then(render).catch(e => { status.textContent = ''; errorBox.textContent = e.message; });
  });

  select.addEventListener('change', () => {
    const ex = examples.find(e => e.label === select.value);
    if (ex) { textarea.value = ex.text; question.textContent = ex.comment; }
  });

  sparql(examplesQuery).then(json => {
    examples = json.results.bindings.map(b => ({ label: b.label.value, comment: b.comment.value, text: b.text.value }));
    select.innerHTML = '<option value="">(choose an example: ' + examples.length + ')</option>';
    examples.forEach(e => { const o = document.createElement('option'); o.value = e.label; o.textContent = e.label + ' - ' + e.comment; select.appendChild(o); });
  }).catch(e => { errorBox.textContent = 'could not load examples: ' + e.message; });
})();
