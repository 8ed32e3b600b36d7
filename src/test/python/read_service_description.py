#!/usr/bin/env python3
"""Reads a SPARQL endpoint's service description the way a generic RDF client does (rdflib fetches the URL with
content negotiation) and prints what it found as JSON: the service's sd:endpoint, supported languages, result formats,
rdfs:seeAlso links, the VoID dataset's triple count and void:sparqlEndpoint, and the Content-Type rdflib parsed.
Usage: read_service_description.py URL [rdflib-format]   (format: turtle, json-ld, xml, or omitted for rdflib's default)
"""
import json
import sys
import urllib.request

import rdflib

url = sys.argv[1]
fmt = sys.argv[2] if len(sys.argv) > 2 else None
g = rdflib.Graph()
g.parse(url, format=fmt) if fmt else g.parse(url)
SD = "http://www.w3.org/ns/sparql-service-description#"
q = g.query("""
    PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>
    PREFIX void: <http://rdfs.org/ns/void#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?service ?endpoint ?lang ?format ?see ?ds ?triples ?dsEndpoint WHERE {
      ?service a sd:Service ; sd:endpoint ?endpoint ; sd:supportedLanguage ?lang ; sd:resultFormat ?format .
      OPTIONAL { ?service rdfs:seeAlso ?see }
      OPTIONAL { ?ds a void:Dataset ; void:sparqlEndpoint ?dsEndpoint ; void:triples ?triples }
    }""")
out = {"triples": len(g), "services": sorted({str(r.service) for r in q}), "endpoints": sorted({str(r.endpoint) for r in q}),
       "languages": sorted({str(r.lang) for r in q}), "formats": sorted({str(r.format) for r in q}),
       "seeAlso": sorted({str(r.see) for r in q if r.see}), "voidEndpoints": sorted({str(r.dsEndpoint) for r in q if r.dsEndpoint}),
       "voidTriples": sorted({int(r.triples) for r in q if r.triples is not None})}
print(json.dumps(out))
