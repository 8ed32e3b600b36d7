#!/usr/bin/env Rscript
# Ask the MEVO knowledge graph three questions over SPARQL from R, with httr and jsonlite.
#
# MEVO is served by a SPARQL 1.1 endpoint; start one locally with `./mevo serve`
# (http://localhost:3030/mevo/sparql). This script reads three documented example questions from queries/
# (the .rq files beside their expected answers), POSTs each to the endpoint (SPARQL 1.1 protocol, form-encoded),
# asks for SPARQL JSON results and prints each as a data frame (one column per variable, IRIs as CURIEs).
#
# Usage (from the project root):
#   Rscript examples/r/mevo_client.R [ENDPOINT_URL] [--json] [--query NAME ...]
#     ENDPOINT_URL   SPARQL endpoint (default http://localhost:3030/mevo/sparql)
#     --json         print {"NAME": {"vars": [...], "rows": [{"var": {"type": ..., "value": ...}}]}} instead
#     --query NAME   run queries/NAME.rq instead of the three defaults (repeatable)
#
# Needs R with httr and jsonlite (Debian: apt-get install r-cran-httr r-cran-jsonlite). The query text is sent as
# it is: the SPARQL protocol needs no client-side guess of the query form (unlike Python's SPARQLWrapper 1.8.5).
# To reuse it from your own code:
#   source("examples/r/mevo_client.R")          # defines sparql_select() and as_data_frame()
#   df <- as_data_frame(sparql_select("http://localhost:3030/mevo/sparql", "SELECT ?s { ?s ?p ?o } LIMIT 3"))

suppressPackageStartupMessages({
  library(httr)
  library(jsonlite)
})

DEFAULT_ENDPOINT <- "http://localhost:3030/mevo/sparql"
DEFAULT_QUERIES <- c("ev-subtype-sizes", "claims-targeting-pten", "citation-mismatches")

# Runs a SELECT query; returns the parsed SPARQL JSON result (list with head$vars and results$bindings).
sparql_select <- function(endpoint, query, timeout_s = 60) {
  r <- POST(endpoint, body = list(query = query), encode = "form",
            add_headers(Accept = "application/sparql-results+json"), timeout(timeout_s))
  if (status_code(r) != 200) {
    stop(sprintf("HTTP %d from %s: %s", status_code(r), endpoint, content(r, as = "text", encoding = "UTF-8")))
  }
  fromJSON(content(r, as = "text", encoding = "UTF-8"), simplifyVector = FALSE)
}

# Namespace -> prefix from ontology/prefixes.tsv (when run from the project root) and the query's PREFIX lines.
load_prefixes <- function(query) {
  ns <- character(0)
  if (file.exists("ontology/prefixes.tsv")) {
    t <- read.delim("ontology/prefixes.tsv", header = TRUE, colClasses = "character", comment.char = "", quote = "")
    t <- t[nzchar(t[[1]]) & !startsWith(t[[1]], "#"), ]
    ns <- setNames(t[[1]], t[[2]])
  }
  m <- regmatches(query, gregexpr("PREFIX\\s+([A-Za-z0-9_.-]*):\\s*<([^>]*)>", query, ignore.case = TRUE))[[1]]
  for (p in m) {
    parts <- regmatches(p, regexec("PREFIX\\s+([A-Za-z0-9_.-]*):\\s*<([^>]*)>", p, ignore.case = TRUE))[[1]]
    if (!(parts[3] %in% names(ns))) ns[parts[3]] <- parts[2]
  }
  ns
}

shorten <- function(iri, ns) {
  hits <- names(ns)[startsWith(iri, names(ns))]
  if (length(hits) == 0) return(iri)
  best <- hits[which.max(nchar(hits))]
  paste0(ns[[best]], ":", substring(iri, nchar(best) + 1))
}

# One row per solution, one character column per variable ("" when unbound; IRIs shortened when `ns` is given).
as_data_frame <- function(result, ns = character(0)) {
  vars <- unlist(result$head$vars)
  cols <- lapply(vars, function(v) vapply(result$results$bindings, function(b) {
    if (is.null(b[[v]])) "" else if (b[[v]]$type == "uri") shorten(b[[v]]$value, ns) else b[[v]]$value
  }, character(1)))
  df <- as.data.frame(setNames(cols, vars), stringsAsFactors = FALSE, check.names = FALSE)
  df
}

main <- function(args) {
  endpoint <- DEFAULT_ENDPOINT
  as_json <- FALSE
  names <- character(0)
  i <- 1
  while (i <= length(args)) {
    a <- args[i]
    if (a == "--json") as_json <- TRUE
    else if (a == "--query") { i <- i + 1; names <- c(names, args[i]) }
    else endpoint <- a
    i <- i + 1
  }
  if (length(names) == 0) names <- DEFAULT_QUERIES
  collected <- list()
  for (name in names) {
    query <- paste(readLines(file.path("queries", paste0(name, ".rq")), encoding = "UTF-8", warn = FALSE), collapse = "\n")
    result <- tryCatch(sparql_select(endpoint, query), error = function(e) {
      message(sprintf("error: query %s against %s failed: %s", name, endpoint, conditionMessage(e)))
      quit(status = 1)
    })
    if (as_json) {
      collected[[name]] <- list(vars = result$head$vars, rows = result$results$bindings)
    } else {
      df <- as_data_frame(result, load_prefixes(query))
      cat(sprintf("== %s (%d rows)\n", name, nrow(df)))
      print(df, right = FALSE, row.names = FALSE)
      cat("\n")
    }
  }
  if (as_json) cat(toJSON(collected, auto_unbox = TRUE, pretty = TRUE, null = "null"), "\n")
  invisible(0)
}

if (sys.nframe() == 0) main(commandArgs(trailingOnly = TRUE))
