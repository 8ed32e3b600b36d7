// MEVO query editor: YASGUI (npm @zazuko/yasgui, served from /yasgui/) preset to this server's endpoint, with the
// example catalogue, MEVO's prefixes and label completion of MEVO classes and properties, all read from the server.
(function () {
  const params = new URLSearchParams(location.search);
  if (typeof window.Yasgui === 'undefined') {
    // the bundle is not installed (npm ci in tools/site-build): the plain query page does the same job, simpler
    location.replace('/query.html?noeditor=1' + (params.get('query') ? '&query=' + encodeURIComponent(params.get('query')) : ''));
    return;
  }
  const endpoint = location.origin + '/mevo/sparql';
  const MEVO = 'https://w3id.org/mevo/MEVO_';
  document.getElementById('endpoint').textContent = endpoint;
  const select = document.getElementById('examples');
  const question = document.getElementById('question');
  const status = document.getElementById('status');
  const notice = document.getElementById('notice');
  const state = { examples: [], terms: [], prefixes: {}, ready: false, lastQuery: null };
  window.mevoEditor = state;

  function sparql(query) {
    return fetch(endpoint, { method: 'POST', body: new URLSearchParams({ query: query }),
      headers: { 'Accept': 'application/sparql-results+json', 'Content-Type': 'application/x-www-form-urlencoded' } })
      .then(r => r.ok ? r.json() : r.text().then(t => { throw new Error('HTTP ' + r.status + ': ' + t); }));
  }

  // MEVO classes and properties by label, fetched once; the completer matches any word of the label
  const termsQuery = `PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT DISTINCT ?term ?label ?kind WHERE {
  VALUES (?type ?kind) { (owl:Class "class") (owl:ObjectProperty "property") (owl:DatatypeProperty "property") (owl:AnnotationProperty "property") }
  ?term a ?type ; rdfs:label ?label .
  FILTER(STRSTARTS(STR(?term), "${MEVO}"))
  FILTER NOT EXISTS { ?term owl:deprecated true }
} ORDER BY LCASE(STR(?label))`;

  const examplesQuery = window.MEVO_EXAMPLES_QUERY; // examples-catalogue.js

  const curie = iri => 'mevo:' + iri.substring(MEVO.length);
  const display = new Map(); // curie -> "label (kind)"

  Yasgui.Yasqe.registerAutocompleter({
    name: 'mevoTerms',
    bulk: false,
    autoShow: true,
    isValidCompletionPosition: function (yasqe) {
      const token = yasqe.getCompleteToken();
      const s = token.string || '';
      if (s.length < 3 || /^[?$<"'#]/.test(s) || token.type === 'keyword' || token.type === 'string') return false;
      return state.terms.length > 0;
    },
    get: function (yasqe, token) {
      let s = (token && token.string || '').toLowerCase();
      if (s.startsWith('mevo:')) s = s.substring(5);
      if (!s) return [];
      const out = [];
      for (const t of state.terms) {
        if (t.label.toLowerCase().includes(s) || t.curie.substring(5).startsWith(s)) out.push(t.curie);
        if (out.length >= 50) break;
      }
      return out;
    },
    postprocessHints: function (yasqe, hints) {
      hints.forEach(h => {
        h.displayText = (display.get(h.text) || '') + '  ' + h.text;
        h.className = 'mevo-term-hint';
        // on pick: put the CURIE in, and declare mevo: if the query lacks it
        h.hint = (cm, data, c) => {
          cm.replaceRange(c.text, c.from || data.from, c.to || data.to, 'complete');
          if (!yasqe.getPrefixesFromQuery().mevo) yasqe.addPrefixes({ mevo: MEVO });
        };
      });
      return hints;
    }
  }, false);

  function prefixHeader(prefixes) {
    const all = Object.assign({ mevo: MEVO }, prefixes, {
      rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', owl: 'http://www.w3.org/2002/07/owl#',
      xsd: 'http://www.w3.org/2001/XMLSchema#', sh: 'http://www.w3.org/ns/shacl#' });
    return Object.keys(all).map(p => 'PREFIX ' + p + ': <' + all[p] + '>').join('\n');
  }

  fetch('/prefixes.json').then(r => r.ok ? r.json() : {}).catch(() => ({})).then(prefixes => {
    state.prefixes = prefixes;
    const start = prefixHeader(prefixes) + '\n\nSELECT ?class ?label WHERE {\n  ?class a owl:Class ; rdfs:label ?label .\n  FILTER(STRSTARTS(STR(?class), STR(mevo:)))\n} ORDER BY ?label LIMIT 100\n';
    Yasgui.Yasqe.defaults.value = start;
    // completion from this server only: no LOV look-ups of the built-in class/property completers, no prefix.cc
    Yasgui.Yasqe.defaults.autocompleters = ['prefixes', 'variables', 'mevoTerms'];
    const yasgui = new Yasgui(document.getElementById('yasgui'), {
      requestConfig: { endpoint: endpoint, method: 'POST' },
      copyEndpointOnNewTab: true,
      persistenceId: null, // no browser storage: a page opens as its link says
      populateFromUrl: true, // ?query=... opens that query in a tab and runs it
      yasqe: { value: start, autocompleters: ['prefixes', 'variables', 'mevoTerms'], prefixCcApi: null, resizeable: true, editorHeight: '22rem' },
      yasr: { prefixes: Object.assign({ mevo: MEVO }, prefixes), defaultPlugin: 'table' }
    });
    state.yasgui = yasgui;
    // YASR takes the response after this event: read it once the current task has finished
    yasgui.on('queryResponse', (instance, tab) => setTimeout(() => {
      const yasr = tab.getYasr();
      const res = yasr.results;
      state.lastQuery = tab.getQuery();
      if (res && res.getError && res.getError()) { status.textContent = 'error'; return; }
      const n = res && res.getBindings ? (res.getBindings() || []).length : 0;
      status.textContent = res && res.getType && res.getType() === 'boolean' ? 'answer: ' + res.getBoolean() : n + ' row(s)';
      share();
    }, 0));
    state.ready = true;
  });

  function share() {
    if (!state.yasgui) return '';
    const url = location.origin + location.pathname + '?query=' + encodeURIComponent(state.yasgui.getTab().getQuery());
    document.getElementById('share-link').value = url;
    return url;
  }
  document.getElementById('share').addEventListener('click', () => {
    const url = share();
    history.replaceState(null, '', url);
    document.getElementById('share-link').select();
  });

  select.addEventListener('change', () => {
    const ex = state.examples.find(e => e.label === select.value);
    if (!ex || !state.yasgui) return;
    state.yasgui.getTab().setQuery(ex.text);
    question.textContent = ex.comment;
    status.textContent = '';
  });

  sparql(examplesQuery).then(json => {
    state.examples = json.results.bindings.map(b => ({ label: b.label.value, comment: b.comment.value, text: b.text.value }));
    select.innerHTML = '<option value="">(choose an example: ' + state.examples.length + ')</option>';
    state.examples.forEach(e => { const o = document.createElement('option'); o.value = e.label; o.textContent = e.label + ' - ' + e.comment; select.appendChild(o); });
  }).catch(e => { notice.textContent = 'could not load the examples: ' + e.message; });

  sparql(termsQuery).then(json => {
    state.terms = json.results.bindings.map(b => ({ curie: curie(b.term.value), label: b.label.value, kind: b.kind.value }));
    state.terms.forEach(t => { if (!display.has(t.curie)) display.set(t.curie, t.label + ' (' + t.kind + ')'); });
  }).catch(e => { notice.textContent = 'could not load MEVO labels for completion: ' + e.message; });
})();
