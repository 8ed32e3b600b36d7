// The example catalogue as both query pages (query.html, editor.html) load it: every published example query
// (graph https://w3id.org/mevo/graph/examples, SIB-style sh:SPARQLExecutable) with its label and comment.
window.MEVO_EXAMPLES_QUERY = `PREFIX sh: <http://www.w3.org/ns/shacl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?ex ?label ?comment ?text WHERE {
  GRAPH <https://w3id.org/mevo/graph/examples> {
    ?ex a sh:SPARQLExecutable ; rdfs:label ?label ; rdfs:comment ?comment .
    { ?ex sh:select ?text } UNION { ?ex sh:ask ?text } UNION { ?ex sh:construct ?text }
  }
} ORDER BY ?label`;
