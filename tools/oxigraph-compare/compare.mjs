#!/usr/bin/env node
// Runs MEVO's competency queries on Oxigraph, a second SPARQL engine independent of Jena/Fuseki.
//
//   node --no-opt compare.mjs RELEASE_DIR QUERIES_DIR OUT_DIR   (--no-opt avoids an intermittent V8 deoptimiser abort in Node 20)
//
// Loads RELEASE_DIR/mevo.nq into an in-memory Oxigraph store, runs every QUERIES_DIR/*.rq (not sub-folders) with
// the default graph as the union of all named graphs (query option use_default_graph_as_union: true; Fuseki's
// counterpart is tdb2:unionDefaultGraph), and writes OUT_DIR/NAME.json:
//   SELECT: {"query": NAME, "type": "select", "vars": [...], "rows": [{var: {type, value, datatype, lang}}, ...], ...}
//           (an unbound variable is absent from its row; type is "uri", "bnode", "literal" or "triple";
//            datatype is given for every literal, rdf:langString for language-tagged ones; lang only for those)
//   ASK:    {"query": NAME, "type": "ask", "boolean": true|false, ...}
// plus "oxigraph" (the version), "union_duplicates" (see below) and "set_merge": the same query's answer
// ({vars, rows} or {boolean}) with the default graph being the RDF merge of the named graphs, each distinct triple
// once, built explicitly in a second store.
//
// Why the second run: Oxigraph's union default graph (and FROM g1 FROM g2) yields a triple once per named graph
// that holds it, not once (oxigraph/oxigraph#1919; fixed on Oxigraph's main branch by PR #1920, still so in the
// pinned 0.5.11). MEVO's graphs share triples (the flat view repeats asserted facts), so a query without DISTINCT
// gets repeated rows there. How many extra triples the union yields is measured at start-up ("union_duplicates").
//
// OxigraphComparisonTest compares these with Fuseki's answers. Exits non-zero, naming the file, on a load,
// parse or evaluation error.
import fs from "node:fs";
import path from "node:path";
import process from "node:process";

const XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
const RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

function fail(msg) {
  process.stderr.write(`compare.mjs: ${msg}\n`);
  process.exit(1);
}

const [releaseDir, queriesDir, outDir] = process.argv.slice(2);
if (!releaseDir || !queriesDir || !outDir || process.argv.length !== 5) {
  fail("usage: node compare.mjs RELEASE_DIR QUERIES_DIR OUT_DIR");
}

let oxigraph;
try {
  oxigraph = await import("oxigraph");
} catch (e) {
  fail(`cannot load the oxigraph package (run 'npm ci' in ${path.dirname(new URL(import.meta.url).pathname)}): ${e.message}`);
}
const oxigraphVersion = JSON.parse(
  fs.readFileSync(new URL("./node_modules/oxigraph/package.json", import.meta.url), "utf8")).version;

const dump = path.join(releaseDir, "mevo.nq");
if (!fs.existsSync(dump)) fail(`${dump} not found (build the release first: ./mevo build)`);
const queryFiles = fs.existsSync(queriesDir)
  ? fs.readdirSync(queriesDir, { withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith(".rq"))
      .map((d) => d.name)
      .sort()
  : [];
if (queryFiles.length === 0) fail(`no *.rq files in ${queriesDir}`);

const store = new oxigraph.Store();
const t0 = Date.now();
try {
  store.load(fs.readFileSync(dump, "utf8"), { format: "application/n-quads" });
} catch (e) {
  fail(`${dump}: N-Quads load error: ${e.message ?? e}`);
}
process.stderr.write(`compare.mjs: oxigraph ${oxigraphVersion}: loaded ${store.size} quads from ${dump} in ${Date.now() - t0} ms\n`);
if (store.match(null, null, null, oxigraph.defaultGraph()).length > 0) {
  // Fuseki's union default graph hides the dataset's own default graph, Oxigraph's includes it: not comparable.
  fail(`${dump} has triples in the default graph; MEVO's dump is meant to hold named graphs only`);
}

// Second store: the same named graphs, plus their RDF merge as its default graph (a graph is a set: each distinct
// triple once; blank nodes keep their identity, as they do in Jena's union graph over one N-Quads document).
const merged = new oxigraph.Store(store.match(null, null, null, null));
for (const q of store.match(null, null, null, null)) {
  merged.add(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
}
const namedGraphs = [...new Map(store.match(null, null, null, null).map((q) => [q.graph.value, q.graph])).values()];
const countAll = (s, options) => Number(s.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", options)[0].get("n").value);
const unionCount = countAll(store, { use_default_graph_as_union: true });
const mergeCount = countAll(merged, {});
const unionDuplicates = unionCount - mergeCount;
process.stderr.write(`compare.mjs: ${namedGraphs.length} named graphs; their merge has ${mergeCount} triples, ` +
  `use_default_graph_as_union yields ${unionCount}` +
  (unionDuplicates > 0 ? ` (${unionDuplicates} repeats: oxigraph/oxigraph#1919)\n` : "\n"));

// SPARQL 1.1 JSON results term -> the term object written to OUT_DIR (datatype made explicit).
function term(t) {
  switch (t.type) {
    case "uri":
      return { type: "uri", value: t.value };
    case "bnode":
      return { type: "bnode", value: t.value };
    case "literal": {
      const lang = t["xml:lang"];
      if (lang) return { type: "literal", value: t.value, datatype: RDF_LANG_STRING, lang };
      return { type: "literal", value: t.value, datatype: t.datatype ?? XSD_STRING };
    }
    case "triple":
      return { type: "triple", value: JSON.stringify(t.value) };
    default:
      throw new Error(`unexpected term type in results: ${JSON.stringify(t)}`);
  }
}

// Runs one query; returns {type: "select", vars, rows} or {type: "ask", boolean}; throws with a clear message.
function run(s, text, options) {
  let raw;
  try {
    raw = s.query(text, { ...options, results_format: "application/sparql-results+json" });
  } catch (e) {
    throw new Error(`oxigraph parse/evaluation error: ${e.message ?? e}`);
  }
  const json = JSON.parse(raw);
  if (typeof json.boolean === "boolean") return { type: "ask", boolean: json.boolean };
  if (json.head && Array.isArray(json.head.vars) && json.results) {
    const rows = json.results.bindings.map((b) =>
      Object.fromEntries(Object.entries(b).map(([v, t]) => [v, term(t)])));
    return { type: "select", vars: json.head.vars, rows };
  }
  throw new Error("not a SELECT or ASK query (CONSTRUCT/DESCRIBE results are not compared)");
}

fs.mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const file of queryFiles) {
  const name = file.slice(0, -3);
  const queryPath = path.join(queriesDir, file);
  const text = fs.readFileSync(queryPath, "utf8");
  const q0 = Date.now();
  let out, setMerge;
  try {
    out = run(store, text, { use_default_graph_as_union: true });
    setMerge = run(merged, text, { default_graph: oxigraph.defaultGraph(), named_graphs: namedGraphs });
  } catch (e) {
    process.stderr.write(`compare.mjs: ${queryPath}: ${e.message ?? e}\n`);
    failed++;
    continue;
  }
  out = { query: name, ...out, oxigraph: oxigraphVersion, union_duplicates: unionDuplicates, set_merge: setMerge };
  delete out.set_merge.type;
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(out, null, 1) + "\n");
  const size = (r) => (out.type === "ask" ? String(r.boolean) : `${r.rows.length} rows`);
  process.stderr.write(`compare.mjs: ${name}: ${size(out)} (set merge: ${size(setMerge)}) (${Date.now() - q0} ms)\n`);
}
if (failed > 0) fail(`${failed} of ${queryFiles.length} queries failed on oxigraph (see above)`);
process.stderr.write(`compare.mjs: ${queryFiles.length} queries written to ${outDir}\n`);
