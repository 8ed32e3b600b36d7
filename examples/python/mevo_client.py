#!/usr/bin/env python3
"""Ask the MEVO knowledge graph three questions over SPARQL, with SPARQLWrapper.

MEVO (the MSC Extracellular Vesicle Ontology) is served by a SPARQL 1.1 endpoint; start one locally with
``./mevo serve`` (http://localhost:3030/mevo/sparql). This script reads three of the documented example
questions from ``queries/`` (the .rq files beside their expected answers), sends each to the endpoint, asks
for SPARQL JSON results and prints them as small tables:

  * ev-subtype-sizes       - which EV subtypes MEVO knows, with their size ranges (nm)
  * claims-targeting-pten  - which claims report PTEN as a target of MSC vesicles, in which direction, via which cargo
  * citation-mismatches    - where the review cites a reference that does not report the finding

Usage::

    /usr/bin/python3 examples/python/mevo_client.py [ENDPOINT_URL] [--json] [--query NAME ...]

    ENDPOINT_URL   SPARQL endpoint (default http://localhost:3030/mevo/sparql)
    --json         print machine-readable JSON instead of tables:
                   {"NAME": {"vars": [...], "rows": [{"var": {"type": "uri"|"literal"|..., "value": "..."}}]}}
    --query NAME   run queries/NAME.rq instead of the three defaults (repeatable)
    --file PATH    run the SELECT query in PATH (repeatable)

Needs SPARQLWrapper (Debian: ``apt-get install python3-sparqlwrapper``; or ``pip install SPARQLWrapper``).

Caveat (SPARQLWrapper 1.8.5, Debian 12): ``setQuery`` guesses the query form from the first SPARQL keyword it finds
in the text, *including comments* (it removes only every other line of a block of ``#`` lines). A header comment
such as ``# which subtypes are loaded?`` or ``# ... insert ...`` makes it take a SELECT for an update (LOAD, INSERT,
ADD, ...) and send it wrongly. This script therefore removes comments (outside IRIs and strings) before
``setQuery`` -- see ``strip_comments`` -- and states the query form explicitly; do the same in your own code.
To reuse it from your own code::

    from mevo_client import run_query, load_query
    rows = run_query("http://localhost:3030/mevo/sparql", load_query("ev-subtype-sizes"))
    for row in rows:                     # one dict per solution: variable -> plain string ('' when unbound)
        print(row["label"], row["min_nm"], row["max_nm"])
"""
import argparse
import json
import os
import re
import sys

from SPARQLWrapper import JSON, SELECT, SPARQLWrapper

DEFAULT_ENDPOINT = "http://localhost:3030/mevo/sparql"
DEFAULT_QUERIES = ["ev-subtype-sizes", "claims-targeting-pten", "citation-mismatches"]

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
QUERIES_DIR = os.path.join(REPO, "queries")
PREFIX_TABLE = os.path.join(REPO, "ontology", "prefixes.tsv")


def load_query(name):
    """Text of queries/NAME.rq (the file's '# question:' header comment is kept; SPARQL ignores comments)."""
    with open(os.path.join(QUERIES_DIR, name + ".rq"), encoding="utf-8") as f:
        return f.read()


def question_of(query_text):
    """The '# question: ...' line of a MEVO query file, or ''."""
    m = re.search(r"^#\s*question:\s*(.*)$", query_text, re.MULTILINE)
    return m.group(1).strip() if m else ""


# One SPARQL token that may contain '#' without starting a comment (long and short strings, IRIs), or a comment.
_TOKENS = re.compile(r'''("""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                     r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*)''', re.DOTALL)


def strip_comments(query_text):
    """The query without its '#' comments; a '#' inside an IRI (<...#>) or a string literal is kept."""
    return _TOKENS.sub(lambda m: "" if m.group(0).startswith("#") else m.group(0), query_text)


def select(endpoint, query_text, timeout=60):
    """Runs a SELECT query; returns (variables, bindings) as in SPARQL JSON results (each binding a dict
    variable -> {"type": ..., "value": ...}; unbound variables are absent). Comments are removed first, and the
    query form is set explicitly, because SPARQLWrapper 1.8.5 guesses it from words in comments (see above)."""
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery(strip_comments(query_text))
    sparql.queryType = SELECT
    sparql.setReturnFormat(JSON)
    sparql.setTimeout(timeout)
    result = sparql.query().convert()
    return result["head"]["vars"], result["results"]["bindings"]


def run_query(endpoint, query_text):
    """Runs a SELECT query and returns its rows as dicts variable -> value string ('' when unbound).
    IRIs come back in full, literals as their lexical form (e.g. '30.0')."""
    variables, bindings = select(endpoint, query_text)
    return [{v: b[v]["value"] if v in b else "" for v in variables} for b in bindings]


def load_prefixes(query_text):
    """Namespace -> prefix, from the query's PREFIX lines and (when present) MEVO's ontology/prefixes.tsv."""
    ns = {}
    if os.path.exists(PREFIX_TABLE):
        with open(PREFIX_TABLE, encoding="utf-8") as f:
            for line in list(f)[1:]:
                cells = line.rstrip("\n").split("\t")
                if len(cells) == 2 and cells[0] and not cells[0].startswith("#"):
                    ns[cells[1]] = cells[0]
    for prefix, iri in re.findall(r"PREFIX\s+([A-Za-z0-9_.-]*):\s*<([^>]*)>", query_text, re.IGNORECASE):
        ns.setdefault(iri, prefix)
    return ns


def shorten(iri, prefixes):
    """Shortens an IRI to a CURIE with the longest matching namespace (the IRI itself if none matches)."""
    best = max((n for n in prefixes if iri.startswith(n)), key=len, default=None)
    return prefixes[best] + ":" + iri[len(best):] if best else iri


def print_table(name, query_text, variables, bindings, out=sys.stdout, width=60):
    """Prints results as a fixed-width text table (IRIs shortened to CURIEs, long cells cut to `width`)."""
    prefixes = load_prefixes(query_text)

    def cell(b, v):
        if v not in b:
            return ""
        text = shorten(b[v]["value"], prefixes) if b[v]["type"] == "uri" else b[v]["value"]
        text = " ".join(text.split())
        return text if len(text) <= width else text[:width - 3] + "..."

    rows = [[cell(b, v) for v in variables] for b in bindings]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    out.write("== %s (%d rows)\n" % (name, len(rows)))
    q = question_of(query_text)
    if q:
        out.write("   %s\n" % q)
    out.write("  ".join(v.ljust(w) for v, w in zip(variables, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for r in rows:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write("\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run MEVO example questions against a SPARQL endpoint (SPARQLWrapper).")
    ap.add_argument("endpoint", nargs="?", default=DEFAULT_ENDPOINT, help="SPARQL endpoint URL (default %(default)s)")
    ap.add_argument("--json", action="store_true", help="print machine-readable JSON instead of tables")
    ap.add_argument("--query", action="append", metavar="NAME", help="run queries/NAME.rq (repeatable; default: three examples)")
    ap.add_argument("--file", action="append", metavar="PATH", help="run the SELECT query in PATH (repeatable)")
    args = ap.parse_args(argv)

    jobs = [(name, load_query(name)) for name in (args.query or ([] if args.file else DEFAULT_QUERIES))]
    for path in args.file or []:
        with open(path, encoding="utf-8") as f:
            jobs.append((os.path.splitext(os.path.basename(path))[0], f.read()))
    collected = {}
    for name, text in jobs:
        try:
            variables, bindings = select(args.endpoint, text)
        except Exception as e:  # connection refused, HTTP error, timeout: say which query and where
            sys.stderr.write("error: query %s against %s failed: %s\n" % (name, args.endpoint, e))
            return 1
        if args.json:
            collected[name] = {"vars": variables, "rows": bindings}
        else:
            print_table(name, text, variables, bindings)
    if args.json:
        json.dump(collected, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
