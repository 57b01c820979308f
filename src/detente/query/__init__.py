"""The read model: every question the faces (CLI, REST API, web pages, briefs, digests) ask of a
store, answered once, as typed Python functions over a `detente.store.Store`.

The faces only render what these functions return; none of them holds SQL. `reads` answers the
lists and profiles, `lookup` resolves id prefixes, codes and names and says why a result is empty,
`names` composes readable names for actor codes.
"""
