"""The run's machinery, below `detente.pipeline` (which holds the list of blocks and runs it).

- `blocks.py`: what a block is (`Block`, `Map`), what it is given (`RunContext`) and what an
  executor does with a list of them (`Executor`);
- `steps.py`: the blocks of `detente analyze` / `detente ingest` (read, prepare, select new,
  analyse, write; and reading, analysing and updating what an ingest-only run stored);
- `document.py`: the per-document work those blocks call (clean, parse, link, code, ...): pure
  functions of a batch, run in any process;
- `report.py`: what a run did (`RunReport`), and the exception an interrupted run raises.

Executors live in `detente.engines` (local processes, Ray).
"""
