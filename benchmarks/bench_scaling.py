"""How annotation and extraction time grows with the length of one article.

A crafted article (Italian, English and Russian; see :func:`crafted_article`) is built at
32 kB and doubled up to ``--max`` (8 MB by default). Each size is annotated
(:func:`accords.annotate.annotate`, layout included) and then extracted from those spans
(:func:`accords.extract.extract`), and the CPU seconds of each step are reported with the
ratio to the previous size. A linear pass doubles its time when the text doubles (ratio
about 2); a loop that scans every span for every match gives about 4. The goal is 2.2 or less.

The text is made of paragraphs that stress the annotators where they used to rescan: place
names repeated many times, role phrases introducing people ("il ministro della Difesa russo
Sergei Shoigu"), long runs of capitalised words, dates of every shape, and long sentences
listing many agreements. Sentences keep a bounded length: the article grows by adding
paragraphs, as a long report or a transcript does.

    python benchmarks/bench_scaling.py                 # it, en, ru; 32 kB to 8 MB
    python benchmarks/bench_scaling.py --max 1 --lang it
    python benchmarks/bench_scaling.py --budget 30     # stop a language once a step takes 30 s

Extraction stops being measured once one size took more than ``--budget`` seconds, and a
language stops doubling once annotation did (a quadratic build would otherwise run for hours);
the table says so.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from accords.annotate import annotate
from accords.extract import extract
from accords.read.articles import Article
from accords.read.layout import analyse

KB = 1024

# --------------------------------------------------------------------------- the generator

# Word pools, per language. Each template below draws from them with a seeded random
# generator, so one (language, size, seed) always gives the same text.
_POOLS: dict[str, dict[str, Sequence[str]]] = {
    "it": {
        "people": ("Sergei Shoigu", "Murat Bektanov", "Guido Crosetto", "Lorenzo Guerini",
                   "Nurlan Yermekbayev", "Viktor Khrenin", "Bakhodir Kurbanov",
                   "Suren Papikyan"),
        "states": ("Federazione Russa", "Kazakistan", "Uzbekistan", "Bielorussia", "Armenia",
                   "Kirghizistan", "Tagikistan", "Italia", "Francia", "Turchia"),
        "adjectives": ("russo", "kazako", "uzbeko", "bielorusso", "armeno", "italiano"),
        "cities": ("Mosca", "Roma", "Parigi", "Berlino", "Madrid", "Astana", "Tashkent",
                   "Minsk", "Erevan", "Bishkek"),
        "months": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
                   "settembre", "ottobre", "novembre", "dicembre"),
        "weekdays": ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì"),
        "caps": ("Grande", "Consiglio", "Nazionale", "Della", "Cooperazione", "Tecnica",
                 "Commissione", "Intergovernativa", "Centro", "Studi", "Strategici",
                 "Accademia", "Militare", "Superiore"),
        "agreements": ("un accordo di cooperazione militare", "un memorandum d'intesa sulla "
                       "sicurezza informatica", "un trattato di amicizia",
                       "un protocollo sulle esercitazioni congiunte",
                       "un piano di cooperazione militare per il 2023",
                       "un contratto per la fornitura di elicotteri"),
    },
    "en": {
        "people": ("Sergei Shoigu", "Murat Bektanov", "Lloyd Austin", "Ben Wallace",
                   "Nurlan Yermekbayev", "Viktor Khrenin", "Bakhodir Kurbanov",
                   "Suren Papikyan"),
        "states": ("Russia", "Kazakhstan", "Uzbekistan", "Belarus", "Armenia", "Kyrgyzstan",
                   "Tajikistan", "Italy", "France", "Turkey"),
        "adjectives": ("Russian", "Kazakh", "Uzbek", "Belarusian", "Armenian", "Italian"),
        "cities": ("Moscow", "Rome", "Paris", "Berlin", "Madrid", "Astana", "Tashkent",
                   "Minsk", "Yerevan", "Bishkek"),
        "months": ("January", "February", "March", "April", "May", "June", "July",
                   "September", "October", "November", "December"),
        "weekdays": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday"),
        "caps": ("Grand", "Council", "National", "Technical", "Cooperation", "Commission",
                 "Intergovernmental", "Centre", "Strategic", "Studies", "Academy",
                 "Military", "Higher", "Board"),
        "agreements": ("a military cooperation agreement", "a memorandum of understanding on "
                       "cyber security", "a treaty of friendship",
                       "a protocol on joint exercises", "a defence cooperation plan for 2023",
                       "a contract for the supply of helicopters"),
    },
    "ru": {
        "people": ("Сергей Шойгу", "Мурат Бектанов", "Нурлан Ермекбаев", "Виктор Хренин",
                   "Баходир Курбанов", "Сурен Папикян", "Шерали Мирзо", "Эркебек Асанов"),
        "states": ("Российской Федерации", "Казахстана", "Узбекистана", "Белоруссии",
                   "Армении", "Киргизии", "Таджикистана", "Италии", "Франции", "Турции"),
        "adjectives": ("российский", "казахстанский", "узбекский", "белорусский",
                       "армянский"),
        "cities": ("Москве", "Минске", "Ереване", "Ташкенте", "Бишкеке", "Астане",
                   "Душанбе", "Санкт-Петербурге"),
        "months": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля",
                   "сентября", "октября", "ноября", "декабря"),
        "weekdays": ("понедельник", "вторник", "среду", "четверг", "пятницу"),
        "caps": ("Большой", "Совет", "Национальной", "Академии", "Военно", "Технического",
                 "Сотрудничества", "Межправительственной", "Комиссии", "Центра",
                 "Стратегических", "Исследований"),
        "agreements": ("соглашение о военном сотрудничестве", "меморандум о взаимопонимании "
                       "в области кибербезопасности", "договор о дружбе",
                       "протокол о совместных учениях",
                       "план военного сотрудничества на 2023 год",
                       "контракт на поставку вертолетов"),
    },
}

_WITH = {"it": "con il", "en": "with", "ru": "с"}


def _date(rng: random.Random, p) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(p['months'])} {rng.randint(1995, 2024)}"


def _paragraphs_it(rng: random.Random, p) -> list[str]:
    a, b = rng.sample(list(p["people"]), 2)
    s1, s2 = rng.sample(list(p["states"]), 2)
    adj = rng.choice(p["adjectives"])
    c1, c2, c3 = rng.sample(list(p["cities"]), 3)
    caps = " ".join(rng.choice(p["caps"]) for _ in range(rng.randint(6, 14)))
    clauses = ", ".join(f"{rng.choice(p['agreements'])} con la {rng.choice(p['states'])}"
                        for _ in range(rng.randint(8, 16)))
    return [
        f"Il ministro della Difesa {adj} {a} ha incontrato a {c1} il suo omologo {b}, giunto "
        f"a {c1} {rng.choice(p['weekdays'])} {_date(rng, p)} per una visita ufficiale.",
        f"I ministri della Difesa della {s1} e del {s2}, rispettivamente {a} e {b}, hanno "
        f"firmato il programma di partenariato strategico nel settore della difesa per il "
        f"{rng.randint(2000, 2020)}-{rng.randint(2021, 2030)}. Lo ha riferito ieri il "
        f"ministero.",
        f"Alla cerimonia di {c2} erano presenti {caps} e {a}, vice ministro della Difesa.",
        f"Nel corso della visita sono stati firmati {clauses}. L'accordo entrerà in vigore "
        f"il {rng.randint(1, 28)} {rng.choice(p['months'])}.",
        f"La delegazione è partita da {c1} per {c2}, {c3}, " + ", ".join(
            rng.sample(list(p["cities"]), 5)) + f", dove è giunta nel {rng.randint(1995, 2024)}.",
    ]


def _paragraphs_en(rng: random.Random, p) -> list[str]:
    a, b = rng.sample(list(p["people"]), 2)
    s1, s2 = rng.sample(list(p["states"]), 2)
    adj = rng.choice(p["adjectives"])
    c1, c2, c3 = rng.sample(list(p["cities"]), 3)
    caps = " ".join(rng.choice(p["caps"]) for _ in range(rng.randint(6, 14)))
    clauses = ", ".join(f"{rng.choice(p['agreements'])} with {rng.choice(p['states'])}"
                        for _ in range(rng.randint(8, 16)))
    return [
        f"{adj} Defence Minister {a} met his counterpart {b} in {c1} on "
        f"{rng.choice(p['weekdays'])}, {rng.choice(p['months'])} {rng.randint(1, 28)}, "
        f"{rng.randint(1995, 2024)}.",
        f"The defence ministers of {s1} and {s2}, respectively {a} and {b}, signed the "
        f"strategic partnership programme in the defence sector for "
        f"{rng.randint(2000, 2020)}-{rng.randint(2021, 2030)}, the ministry said yesterday.",
        f"{a}, {s1}'s defence minister, addressed the {caps} in {c2}.",
        f"During the visit the sides signed {clauses}. The agreement will enter into force "
        f"on {_date(rng, p)}.",
        f"The delegation travelled from {c1} to {c2}, {c3}, " + ", ".join(
            rng.sample(list(p["cities"]), 5)) + f", arriving in {rng.randint(1995, 2024)}.",
    ]


def _paragraphs_ru(rng: random.Random, p) -> list[str]:
    a, b = rng.sample(list(p["people"]), 2)
    s1, s2 = rng.sample(list(p["states"]), 2)
    c1, c2 = rng.sample(list(p["cities"]), 2)
    caps = " ".join(rng.choice(p["caps"]) for _ in range(rng.randint(6, 14)))
    clauses = ", ".join(f"{rng.choice(p['agreements'])} {_WITH['ru']} "
                        f"{rng.choice(p['states'])}" for _ in range(rng.randint(8, 16)))
    return [
        f"Министр обороны {s1} {a} встретился в {c1} с коллегой {b} во "
        f"{rng.choice(p['weekdays'])}, {_date(rng, p)} года.",
        f"Министры обороны {s1} и {s2}, соответственно {a} и {b}, подписали программу "
        f"стратегического партнерства в военной области на {rng.randint(2000, 2020)}-"
        f"{rng.randint(2021, 2030)} годы, сообщили вчера в министерстве.",
        f"На церемонии в {c2} присутствовали {caps} и заместитель министра обороны {a}.",
        f"В ходе визита стороны подписали {clauses}. Соглашение вступит в силу "
        f"{_date(rng, p)} года.",
        f"Делегация побывала в {c1}, {c2}, " + ", ".join(rng.sample(list(p["cities"]), 4))
        + f" и вернулась в {rng.randint(1995, 2024)} году.",
    ]


_BUILDERS: dict[str, Callable[[random.Random, dict], list[str]]] = {
    "it": _paragraphs_it, "en": _paragraphs_en, "ru": _paragraphs_ru,
}
_TITLES = {"it": "Difesa: firmati nuovi accordi di cooperazione",
           "en": "Defence ministers sign new cooperation agreements",
           "ru": "Министры обороны подписали новые соглашения"}
_DATELINES = {"it": "MOSCA - ", "en": "MOSCOW - ", "ru": "МОСКВА, "}


def crafted_article(lang: str, size: int, seed: int = 0) -> Article:
    """An article in ``lang`` (it, en or ru) of at least ``size`` bytes of UTF-8 text.

    The same arguments always give the same text.

    >>> a = crafted_article("it", 4096)
    >>> len(a.text.encode()) >= 4096, a.lang
    (True, 'it')
    """
    rng = random.Random(f"{lang}:{seed}")
    build = _BUILDERS[lang]
    pools = _POOLS[lang]
    lines = [_TITLES[lang]]
    total = len(lines[0].encode()) + 1
    first = True
    while total < size:
        for paragraph in build(rng, pools):
            if first:
                paragraph = _DATELINES[lang] + paragraph
                first = False
            lines.append(paragraph)
            total += len(paragraph.encode()) + 1
    return Article(id=f"crafted-{lang}-{size}", text="\n".join(lines), title=_TITLES[lang],
                   lang=lang)


# --------------------------------------------------------------------------- measuring


@dataclass
class Row:
    lang: str
    size: int
    megabytes: float
    annotate: float
    extract: float | None  # None once extraction went over the budget
    spans: int
    records: int | None


def measure(article: Article, extracting: bool = True) -> Row:
    """CPU seconds to annotate ``article`` (layout included) and to extract from its spans."""
    gc.collect()
    t0 = time.process_time()
    layout = analyse(article)
    spans = annotate(article, layout=layout)
    t1 = time.process_time()
    records = extract(article, spans, layout, warn=False) if extracting else None
    t2 = time.process_time()
    size = len(article.text.encode())
    return Row(article.lang or "?", size, size / 1e6, t1 - t0,
               t2 - t1 if extracting else None, len(spans),
               len(records) if records is not None else None)


def _ratio(now: float | None, before: float | None) -> str:
    return f"{now / before:6.2f}" if now is not None and before else "     –"


def _cells(seconds: float | None, before: float | None, megabytes: float) -> str:
    if seconds is None:
        return f"{'–':>9} {'–':>6} {'–':>6}"
    return f"{seconds:9.3f} {_ratio(seconds, before)} {seconds / megabytes:6.2f}"


def run(langs: Sequence[str], start: int, largest: int, budget: float,
        out=sys.stdout) -> list[Row]:
    rows: list[Row] = []
    print(f"# bench_scaling: Python {platform.python_version()}, {platform.machine()}, "
          f"CPU seconds (time.process_time), one process", file=out)
    print(f"{'lang':4} {'size':>8} {'spans':>8} {'records':>7}  {'annotate s':>10} "
          f"{'ratio':>6} {'s/MB':>6}  {'extract s':>9} {'ratio':>6} {'s/MB':>6}", file=out)
    for lang in langs:
        size, previous, extracting = start, None, True
        while size <= largest:
            # the first article of a language warms the caches (lexicons, compiled regexes)
            if previous is None:
                measure(crafted_article(lang, 4 * KB))
            row = measure(crafted_article(lang, size), extracting)
            rows.append(row)
            records = "–" if row.records is None else str(row.records)
            print(f"{lang:4} {_size(size):>8} {row.spans:8d} {records:>7}  "
                  f"{_cells(row.annotate, previous and previous.annotate, row.megabytes):>24}"
                  f"  {_cells(row.extract, previous and previous.extract, row.megabytes)}",
                  file=out, flush=True)
            if size * 2 > largest:
                break
            if row.annotate > budget:
                print(f"{lang:4} stopped: annotating {_size(size)} took more than {budget:g} "
                      f"s; the next size would take far longer", file=out, flush=True)
                break
            if extracting and row.extract is not None and row.extract > budget:
                print(f"{lang:4} extraction stopped: {_size(size)} took more than {budget:g} "
                      f"s; annotation goes on", file=out, flush=True)
                extracting = False
            previous, size = row, size * 2
    return rows


def _size(size: int) -> str:
    return f"{size // KB} kB" if size < 1024 * KB else f"{size // (1024 * KB)} MB"


def summary(rows: Sequence[Row], out=sys.stdout) -> None:
    """The largest ratio per doubling of each step, per language (after the first size)."""
    for lang in dict.fromkeys(r.lang for r in rows):
        mine = [r for r in rows if r.lang == lang]
        for step in ("annotate", "extract"):
            measured = [r for r in mine if getattr(r, step) is not None]
            ratios = [getattr(b, step) / getattr(a, step)
                      for a, b in itertools.pairwise(measured) if getattr(a, step) > 0]
            if ratios:
                last = measured[-1]
                print(f"{lang}: {step} ratio per doubling: median "
                      f"{sorted(ratios)[len(ratios) // 2]:.2f}, largest {max(ratios):.2f}; "
                      f"{getattr(last, step) / last.megabytes:.2f} s/MB at "
                      f"{_size(last.size)}", file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", action="append", choices=sorted(_BUILDERS),
                        help="language (repeat for several; default it, en and ru)")
    parser.add_argument("--min", type=float, default=32, help="first size in kB (32)")
    parser.add_argument("--max", type=float, default=8,
                        help="largest size in MB (8); sizes double from --min")
    parser.add_argument("--budget", type=float, default=60,
                        help="stop a step (extraction, then the language) once one size "
                             "takes more than this many seconds (60)")
    args = parser.parse_args(argv)
    rows = run(args.lang or ["it", "en", "ru"], int(args.min * KB), int(args.max * 1024 * KB),
               args.budget)
    summary(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
