"""What the stages that read a parse share: the parsed segment (`units.Unit`), the grammatical
questions asked of linked mentions (`index.MentionIndex`: subject, objects, modifiers), and the
verb classes of speech and reporting (`verbs`, from `data/verbs.yaml`).

The linker (`actors/`), the event coder (`events/`), the quote finder (`quotes.py`) and the
signals (`signals/`) import from here, never from each other's modules for these.
"""
