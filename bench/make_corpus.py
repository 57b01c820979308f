"""A synthetic news corpus with known stories and planted shifts in relations, for tests and
benchmarks.

    python bench/make_corpus.py OUT_DIR [--articles 2000] [--seed 7]

Writes OUT_DIR/articles.jsonl (one article per line: title, text, published, source, url) and
OUT_DIR/truth.json: the story each article belongs to, and the planted shifts (a pair of
countries whose material cooperation or conflict jumps from a given week on). Happenings between
pairs of countries are drawn week by week over a year; each is reported by one to five outlets in
their own words, a day or two apart, sometimes as a syndicated copy of a wire story.
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

COUNTRIES = [
    # name, adjective, capital
    ("Japan", "Japanese", "Tokyo"), ("India", "Indian", "New Delhi"), ("Brazil", "Brazilian", "Brasília"),
    ("Turkey", "Turkish", "Ankara"), ("Egypt", "Egyptian", "Cairo"), ("Poland", "Polish", "Warsaw"),
    ("Kenya", "Kenyan", "Nairobi"), ("Indonesia", "Indonesian", "Jakarta"), ("Mexico", "Mexican", "Mexico City"),
    ("Vietnam", "Vietnamese", "Hanoi"), ("Nigeria", "Nigerian", "Abuja"), ("Chile", "Chilean", "Santiago"),
    ("Norway", "Norwegian", "Oslo"), ("Pakistan", "Pakistani", "Islamabad"), ("Peru", "Peruvian", "Lima"),
    ("Ghana", "Ghanaian", "Accra"), ("Canada", "Canadian", "Ottawa"), ("Argentina", "Argentine", "Buenos Aires"),
]  # fmt: skip
OUTLETS = [
    ("Global Wire", "globalwire.example", True), ("World Press Agency", "wpa.example", True),
    ("The Daily Meridian", "meridian.example", False), ("Capital Tribune", "tribune.example", False),
    ("Evening Ledger", "ledger.example", False), ("The Observer Post", "observerpost.example", False),
    ("Frontier Times", "frontiertimes.example", False), ("Harbour Herald", "harbourherald.example", False),
]  # fmt: skip
ITEMS = ["artillery shells", "air defence systems", "armoured vehicles", "drones", "rifles",
         "patrol boats", "radar equipment", "anti-tank missiles"]  # fmt: skip
TOPICS = ["trade", "energy", "fisheries", "border security", "climate finance", "rail links",
          "vaccine production", "grain exports", "port access", "cyber security"]  # fmt: skip
PLACES = ["the northern coast", "the border region", "an air base", "the eastern sea",
          "a naval port", "the capital's outskirts"]  # fmt: skip

# event kind → (cooperation/conflict, material?, headlines, leads); {a}/{b} names, {A}/{B}
# adjectives, {ca}/{cb} capitals, {x} the distinguishing detail, {day} the weekday
KINDS: dict[str, tuple[str, list[str], list[str]]] = {
    "visit": ("verbal", [
        "{A} foreign minister visits {b}", "{a}'s top diplomat in {cb} for talks on {x}",
        "{A} minister arrives in {b} as {x} tops agenda"], [
        "The {A} foreign minister visited {b} on {day} for talks on {x}, officials said.",
        "{a}'s foreign minister arrived in {cb} on {day} to discuss {x} with {B} officials.",
        "{A} officials travelled to {b} on {day}; {x} was the main subject of the talks."]),
    "agreement": ("verbal", [
        "{a} and {b} sign {x} agreement", "{a}, {b} seal deal on {x}",
        "{B} and {A} officials sign {x} accord"], [
        "{a} and {b} signed an agreement on {x} on {day}, the two governments said.",
        "Officials from {a} and {b} signed a deal on {x} in {ca} on {day}.",
        "{b} and {a} signed an accord on {x} on {day} after months of negotiations."]),
    "criticism": ("verbal_conflict", [
        "{a} condemns {b} over {x}", "{a} criticises {B} stance on {x}",
        "{A} government denounces {b} on {x}"], [
        "{a} condemned {b} on {day} over its handling of {x}, the foreign ministry said.",
        "The {A} government criticised {b} on {day} over {x}, according to a statement.",
        "{a} denounced {b} on {day}, accusing it of bad faith on {x}."]),
    "arms": ("material_cooperation", [
        "{a} delivers {x} to {b}", "{A} {x} arrive in {b}", "{a} sends {b} new batch of {x}"], [
        "{a} delivered {x} to {b} on {day}, the {B} defence ministry said.",
        "A shipment of {x} from {a} arrived in {b} on {day}, officials said.",
        "{a} sent {x} to {b} on {day} under a new defence deal, according to officials."]),
    "exercise": ("material_cooperation", [
        "{a} and {b} hold joint drills near {x}", "{A} and {B} troops exercise together near {x}",
        "Joint {A}-{B} naval exercises begin near {x}"], [
        "{a} and {b} held joint military exercises near {x} on {day}, their militaries said.",
        "Troops from {a} and {b} began joint drills near {x} on {day}.",
        "The armed forces of {a} and {b} conducted joint exercises near {x} on {day}."]),
    "sanctions": ("material_conflict", [
        "{a} imposes sanctions on {b} over {x}", "New {A} sanctions hit {b} in {x} row",
        "{a} slaps sanctions on {B} firms over {x}"], [
        "{a} imposed new sanctions on {b} on {day} in a dispute over {x}, officials said.",
        "The {A} government imposed sanctions on {B} companies on {day} over {x}.",
        "{a} announced sanctions against {b} on {day}, citing {x}."]),
    "expulsion": ("material_conflict", [
        "{a} expels {B} diplomats over {x}", "{A} government orders {B} envoys out",
        "Diplomatic row: {a} expels {b}'s diplomats"], [
        "{a} expelled two {B} diplomats on {day} in a row over {x}, the foreign ministry said.",
        "The {A} government ordered {B} diplomats to leave on {day} over {x}.",
        "{a} expelled diplomats from {b} on {day}, citing {x}."]),
}  # fmt: skip
DETAIL = {"visit": TOPICS, "agreement": TOPICS, "criticism": TOPICS, "sanctions": TOPICS,
          "expulsion": TOPICS, "arms": ITEMS, "exercise": PLACES}  # fmt: skip
FILLER = [
    "Relations between the two countries have been {mood} in recent months.",
    "Analysts said the move reflected {a}'s wider regional ambitions.",
    "A spokesperson for the {B} government declined to comment further.",
    "“We are watching the situation closely,” an official in {ca} told reporters.",
    "The development follows weeks of diplomatic activity in {cb}.",
    "Observers in {cb} said the decision had been expected for some time.",
    "Trade between {a} and {b} reached record levels last year, according to official figures.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass
class Happening:
    story: int
    kind: str
    a: int
    b: int
    day: date
    detail: str


def plan(
    rng: random.Random, articles: int, start: date
) -> tuple[list[Happening], list[dict[str, object]]]:
    """Happenings week by week: a baseline for 24 pairs, plus planted shifts on four of them."""
    pairs = rng.sample(
        [(i, j) for i in range(len(COUNTRIES)) for j in range(len(COUNTRIES)) if i < j], 24
    )
    shifts = []
    for (a, b), kind, week in zip(pairs[:4], ["arms", "sanctions", "exercise", "expulsion"],
                                  [20, 26, 32, 38], strict=True):  # fmt: skip
        shifts.append({"a": COUNTRIES[a][0], "b": COUNTRIES[b][0], "kind": kind,
                       "start": (start + timedelta(weeks=week)).isoformat(), "weeks": 6})  # fmt: skip
    base_kinds = ["visit", "agreement", "criticism", "visit", "agreement", "criticism", "arms",
                  "exercise", "sanctions", "expulsion"]  # fmt: skip
    happenings: list[Happening] = []
    last: dict[tuple[int, int, str], date] = {}
    used: dict[tuple[int, int, str], int] = {}
    per_week = max(4, round(articles / 2.9 / 52) - 1)  # 2.9 outlets per happening on average
    for week in range(52):
        monday = start + timedelta(weeks=week)
        todo = [(rng.choice(pairs), rng.choice(base_kinds), None) for _ in range(per_week)]
        for shift, (a, b) in zip(shifts, pairs[:4], strict=True):
            first = date.fromisoformat(str(shift["start"]))
            if first <= monday < first + timedelta(weeks=int(str(shift["weeks"]))):
                for n in range(2):  # twice a week: more than this pair has ever seen
                    todo.append(((a, b), str(shift["kind"]), 3 * n))
        for (a, b), kind, offset in todo:
            day = monday + timedelta(days=rng.randrange(7) if offset is None else offset)
            if (a, b, kind) in last and abs((day - last[(a, b, kind)]).days) < 3:
                continue  # one such happening per pair every few days keeps stories apart
            last[(a, b, kind)] = day
            used[(a, b, kind)] = (
                used.get((a, b, kind), -1) + 1
            )  # never the same detail twice in a row
            detail = DETAIL[kind][(used[(a, b, kind)] + a + b) % len(DETAIL[kind])]
            happenings.append(Happening(len(happenings), kind, a, b, day, detail))
    return happenings, shifts


def write(out: Path, articles: int, seed: int = 7, start: date = date(2024, 1, 1)) -> Path:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    happenings, shifts = plan(rng, articles, start)
    truth: dict[str, object] = {"stories": {}, "shifts": shifts}
    stories: dict[str, int] = {}
    lines = []
    for h in happenings:
        if len(lines) >= articles:
            break
        (a, ad, ca), (b, bd, cb) = COUNTRIES[h.a], COUNTRIES[h.b]
        outlets = rng.sample(OUTLETS, rng.choice([1, 2, 2, 3, 3, 4, 5]))
        _, heads, leads = KINDS[h.kind]
        wire: tuple[str, str] | None = None  # the wire agency's title and text, once written
        for n, (name, domain, is_wire) in enumerate(outlets):
            if len(lines) >= articles:
                break
            values = {"a": a, "b": b, "A": ad, "B": bd, "ca": ca, "cb": cb, "x": h.detail,
                      "day": WEEKDAYS[h.day.weekday()], "mood": rng.choice(["tense", "warm", "uneven"])}  # fmt: skip
            published = h.day + timedelta(days=rng.choice([0, 0, 1, 1, 2]))
            if wire is not None and rng.random() < 0.25:
                title, text = wire  # a syndicated copy of the wire story
            else:
                title = rng.choice(heads).format(**values)
                title = title[0].upper() + title[1:]
                body = [rng.choice(leads).format(**values)]
                body += [s.format(**values) for s in rng.sample(FILLER, 3)]
                text = " ".join(body)
            if is_wire and wire is None:
                wire = (title, text)
            url = f"https://{domain}/{published.isoformat()}/{h.story}-{n}"
            lines.append({"title": title, "text": text, "published": published.isoformat(),
                          "source": name, "url": url})  # fmt: skip
            stories[url] = h.story
    truth["stories"] = stories
    lines.sort(key=lambda r: (r["published"], r["url"]))
    with (out / "articles.jsonl").open("w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line) + "\n")
    (out / "truth.json").write_text(json.dumps(truth, indent=1))
    return out / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    path = write(args.out, args.articles, args.seed)
    print(f"wrote {path} and {args.out / 'truth.json'}")


if __name__ == "__main__":
    main()
