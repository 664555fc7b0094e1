"""The fact-check memory: every claim's vector in the database, the library of claims with a
verdict searched by meaning (factcheck.matching does the search), each claim's earlier
fact-checks, and the pages that show them (docs/matching.md)."""
