"""`detente eval TASK`: score a stage against an annotated set (the tasks are registered in
`detente.evaluation`; this only dispatches and prints)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import Kb, fail, failing, out
from detente.errors import DetenteError


def evaluate(
    task: Annotated[str, typer.Argument(help="What to evaluate (detente eval --help lists them).")],
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Annotated file or directory (default eval/TASK, or the task's third-party set "
            "under ../shared/data/).",
        ),
    ] = None,
    kb: Kb = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss and extra.")] = False,
    dictionaries: Annotated[
        list[Path] | None,
        typer.Option(
            "--dictionaries",
            help="events and plover: PETRARCH/TABARI verb, actor and agent dictionaries (a "
            "directory or files; repeatable), added to our own knowledge.",
        ),
    ] = None,
) -> None:
    """Score a stage against an annotated set: precision, recall and F1.

    Tasks: actors, events, quotes, sensational, pages (our sets in eval/); plover (third-party
    sentences, development figures only).

    Example: [bold]detente eval actors --errors[/] · [bold]detente eval events[/] ·
    [bold]detente eval plover --errors[/] ·
    [bold]detente eval plover --dictionaries ../shared/data/events/petrarch-dictionaries/[/]
    """
    from detente.evaluation import DICTIONARY_TASKS, task_module

    with failing():
        module = task_module(task)
    where = data or module.DEFAULT_DATA
    try:
        extra = {"dictionaries": tuple(map(str, dictionaries))} if dictionaries else {}
        if extra and task not in DICTIONARY_TASKS:
            raise DetenteError(
                f"--dictionaries applies to the {' and '.join(DICTIONARY_TASKS)} evaluations"
            )
        examples = module.load_examples(where)
        report = module.evaluate(examples, tuple(str(p) for p in kb or ()), **extra)
    except (DetenteError, OSError, ValueError, KeyError) as exc:
        said = str(exc)  # the data's path first, once
        raise fail(
            DetenteError(said if said.startswith(str(where)) else f"{where}: {said}")
        ) from None
    for part in module.summary(report):
        out.print(part)
    if errors:
        for line in report.errors:
            out.print(line, highlight=False, markup=False, soft_wrap=True)
