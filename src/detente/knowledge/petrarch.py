"""PETRARCH/TABARI dictionaries (verbs, actors, agents) read at run time beside our own knowledge.

Users with years of curated dictionaries point `--dictionaries DIR` (`dictionaries=` in the API,
`DETENTE_DICTIONARIES`) at them; nothing of theirs is copied into the package. The formats are
those of PETRARCH2's documentation: a verb file of `&SYNSET` word lists and `--- NAME [CODE] ---`
blocks of verbs (`VERB {FORMS} [CODE]`, `+VERB_PARTICLE`) and patterns (`- * WORD [CODE]`,
`- * (PREP WORD) [CODE]`, `{A NOUN PHRASE}`); actor files of `NAME_ [CODE]` records with `+SYNONYM`
lines and tab-indented dated codes (`[GBRGOV 970502-070627]`, `[X <date]`, `[X >date]`); agent
files of `PHRASE {PLURALS} [~COP]` lines with `!MARKER! = A, B` substitutions.

What our model cannot express (patterns that constrain the subject, mark source and target with
`$ + ^ %`, or need two words at once; reciprocal codes; transformations) is skipped and counted in
each file's `ReadReport`. A line that is none of the format's kinds is a `DictionaryError` naming
the file and the line.

The readers live in `petrarch_files.py` (finding files, their kind, `ReadReport`),
`petrarch_verbs.py` and `petrarch_actors.py` (actors and agents); their names are importable
from here.
"""

from __future__ import annotations

from detente.knowledge.petrarch_actors import (
    ActorEntry,
    AgentEntry,
    Restriction,
    actor_entries,
    agent_entries,
    kb_with,
    read_actors,
    read_agents,
    written,
)
from detente.knowledge.petrarch_files import (
    KINDS,
    SNIFF_LINES,
    DictionaryError,
    ReadReport,
    dictionary_files,
    sniff,
)
from detente.knowledge.petrarch_verbs import (
    lexicon_with,
    read_verbs,
)

__all__ = [
    "KINDS",
    "SNIFF_LINES",
    "ActorEntry",
    "AgentEntry",
    "DictionaryError",
    "ReadReport",
    "Restriction",
    "actor_entries",
    "agent_entries",
    "dictionary_files",
    "kb_with",
    "lexicon_with",
    "read_actors",
    "read_agents",
    "read_verbs",
    "sniff",
    "written",
]
