"""The HTTP API (/api/v1/): personal access tokens, the JSON endpoints over the features'
queries and operations, its OpenAPI document and its docs page. Importing the package loads
nothing of Flask: the command line reads the tokens' table through factcheck.models."""
