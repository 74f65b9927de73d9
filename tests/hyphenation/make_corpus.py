#!/usr/bin/env python3
"""Makes tests/hyphenation/corpus.txt: the Russian words of docgen's own texts, each
with the breaks TeX finds in it, for the test that holds docgen's hyphenator to TeX.

TeX here is LuaTeX with TeX Live's Russian patterns (hyph-utf8's hyph-ru: A. I.
Lebedev's ruhyphal, the patterns Debian's hyphen-ru ships, with cyryoal's patterns
for «ё», ruhyphen's additions and the exceptions), selected by babel's russian, as
lualatex typesets Russian. Each word goes through lang.hyphenate, the function TeX's
paragraph builder calls, with \\lefthyphenmin and \\righthyphenmin as babel sets them
for Russian (2 and 2: docgen's minimums too).

It needs Debian's texlive-luatex and texlive-lang-cyrillic (CI does not: it reads the
committed corpus) and a built docgen for the generated documents' text.

Usage: tests/hyphenation/make_corpus.py [--docgen build/docgen] [--output FILE]
"""
import argparse
import collections
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
TEX_PACKAGES = "texlive-luatex texlive-lang-cyrillic"
MIN_LETTERS = 4  # a shorter word cannot break with two letters kept at each end

# A word: Cyrillic letters, parts joined by a hyphen («социально-экономических»).
WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")

# Words the texts may lack: «ё» (which Debian's patterns do not have), capitals, the
# domain's long words and compounds, and words of TeX's exception list (added below).
EXTRA_WORDS = """
ещё всё её своё моё твоё объём объёма объёмы учёт учёта учётом отчёт отчёта отчётов
отчётность отчётности отчётный счёт счёта расчёт расчёта расчётный расчётов подсчёт
пересчёт зачёт зачёта зачётный вычёт учёный учёные учёных учёба учёбы учёбе приведён
утверждён утверждённый утверждённого утверждённой утверждённых определён определённый
определённых проведён проведённый проведённых проведённой направлён включён включённых
решён решённых достигнутый подчёркивать подчёркнут подчёркнутый лёгкий тёплый жёсткий
жёлтый чёткий чётко чёрный зелёный ребёнок ребёнка ребёнку ребёнком тётя ёлка ёжик ёмкость
ёмкости Ёлкин Ёлкина Семёнов Семёнова Фёдоров Фёдорова Королёв Королёва Пётр Петровна
Алёна Артём Артёма Сёмина Лёвкин Лёвкина Ковалёв Ковалёва Соловьёв Соловьёва Воробьёв
Журавлёв Журавлёва Щёлоков Горбачёв Хрущёв Дёмин Дёмина Ершов Ершова Пугачёв Пугачёва
Ярцевский Рославльский Вяземский Сафоновский Гагаринский Дорогобужский Духовщинский
Ельнинский Ершичский Кардымовский Краснинский Монастырщинский Новодугинский Починковский
Руднянский Смоленский Сычёвский Сычёвка Темкинский Угранский Хиславичский Холм-Жирковский
Шумячский Велижский Глинковский Демидовский Десногорск Вязьма Гагарин Дорогобуж Рославль
Сафоново Ярцево Смоленск Смоленской Смоленская Смоленского Смоленщины
ПРИКАЗ ПРИКАЗЫВАЮ УТВЕРЖДАЮ УТВЕРЖДЕН УТВЕРЖДЕНА УТВЕРЖДЕНЫ СОГЛАСОВАНО ДЕПАРТАМЕНТ
АДМИНИСТРАЦИЯ АДМИНИСТРАЦИИ ПОЛОЖЕНИЕ КОНЦЕПЦИЯ ПРИЛОЖЕНИЕ ОБРАЗОВАНИЯ ОБРАЗОВАНИЮ
АНАЛИТИЧЕСКАЯ СПРАВКА МОНИТОРИНГ РЕЗУЛЬТАТЫ РЕКОМЕНДАЦИИ ПОСТАНОВЛЕНИЕ РАСПОРЯЖЕНИЕ
Образовательных Общеобразовательных Администрации Муниципальное Министерства Департамента
Российской Федерации Рособнадзора Минпросвещения Правительства Губернатора Президента
общеобразовательный общеобразовательная общеобразовательное общеобразовательного
общеобразовательной общеобразовательных общеобразовательными общеобразовательным
профессионально-педагогический профессионально-педагогических профессионально-педагогической
социально-экономический социально-экономических социально-экономическими социально-психологической
научно-методический научно-методического научно-методической научно-методических
учебно-методический учебно-методического учебно-методических учебно-воспитательного
психолого-педагогический психолого-педагогического психолого-педагогических
информационно-коммуникационных информационно-телекоммуникационной информационно-аналитической
физкультурно-оздоровительной военно-патриотического духовно-нравственного
финансово-хозяйственной материально-технической материально-технического организационно-методический
организационно-методического нормативно-правовой нормативно-правовых контрольно-измерительных
естественно-научной естественнонаучной научно-исследовательской опытно-экспериментальной
культурно-досуговой спортивно-массовой историко-краеведческого туристско-краеведческой
художественно-эстетической эколого-биологической военно-спортивной инженерно-технической
сельскохозяйственных высокотехнологичных здоровьесберегающих здоровьесберегающей
самоопределения самоопределению профориентационной профориентационных межмуниципальных
многофункционального делопроизводства непосредственно взаимодействия взаимодействие
совершенствования совершенствование индивидуализации дифференцированного дифференцированных
внутришкольной внутришкольного внутриучрежденческой малокомплектных малокомплектной
низкорезультативных низкорезультативной неблагоприятных неблагоприятными неуспешности
высокомотивированных слабоуспевающих слабоуспевающими разновозрастных общепедагогических
антирисковых антирисковые наставничества наставнической тьюторского тьюторских
самообследования самообследование метапредметных метапредметные человеко-часов
обучающиеся обучающихся обучающимися педагогических педагогическими руководителей
необходимо необходимый необходимых неотъемлемой неотъемлемая подъезд объявление объединение
объединений разъяснение разъяснения съезд съёмка въезд адъютант субъект субъектов
субъектами объективный объективности конъюнктура инъекция изъятие вьюга премьер-министр
вполне наверное конечно давно равно ранее более менее тоже также вообще
"""


def texts(docgen: Path, work: Path):
    """(source, text) of every text: the seeds, the templates, the example data and
    the text of the documents docgen makes from them."""
    for path in sorted(SEEDS.glob("*.txt")):
        yield "seeds", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "templates").rglob("*.xml")):
        yield "templates", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "examples").rglob("data.json")):
        yield "example data", json.dumps(json.loads(path.read_text(encoding="utf-8")), ensure_ascii=False)
    renders = [("order", "order-859"), ("order", "order-548"), ("order", "order-mentoring"),
               ("plan", "plan-municipal"), ("plan", "roadmap-regional")]
    for template, example in renders:
        out = work / f"{example}.txt"
        subprocess.run([str(docgen), "render", str(ROOT / "templates" / f"{template}.xml"),
                        str(ROOT / "examples" / example / "data.json"), "-o", str(out)], check=True)
        yield "documents of the examples", out.read_text(encoding="utf-8")
    # The example region's cycle: the report, every municipal and school reference.
    region = ROOT / "examples/smolensk-2022"
    batch = json.loads((region / "batch.json").read_text(encoding="utf-8"))
    batch["data"] = str(region / batch["data"])
    batch["formats"] = ["txt"]
    for job in batch["jobs"]:
        job["template"] = str((region / job["template"]).resolve())
    (work / "batch.json").write_text(json.dumps(batch, ensure_ascii=False), encoding="utf-8")
    subprocess.run([str(docgen), "batch", str(work / "batch.json"), "--output", str(work / "cycle")],
                   check=True, stdout=subprocess.DEVNULL)
    for path in sorted((work / "cycle").rglob("*.txt")):
        yield "documents of the example region's cycle", path.read_text(encoding="utf-8")


def exception_words():
    """TeX's exceptions for Russian (\\hyphenation), as words."""
    found = subprocess.run(["kpsewhich", "hyph-ru.hyp.txt"], capture_output=True, text=True).stdout.strip()
    return [line.replace("-", "") for line in Path(found).read_text(encoding="utf-8").split()]


# LuaTeX: each word's letters as glyph nodes in the Russian language, hyphenated as
# the paragraph builder does, written back with "-" at each discretionary.
LUA = r"""
local language = tex.language
local left, right = tex.lefthyphenmin, tex.righthyphenmin
local out = io.open("hyphenated.txt", "w")
out:write(string.format("%d %d %d\n", left, right, tex.uchyph))
for word in io.lines("words.txt") do
  local head = node.new("glue")
  local last = head
  for _, c in utf8.codes(word) do
    local glyph = node.new("glyph")
    glyph.subtype, glyph.char, glyph.font, glyph.lang = 1, c, font.current(), language
    glyph.left, glyph.right, glyph.uchyph = left, right, tex.uchyph
    last.next, glyph.prev, last = glyph, last, glyph
  end
  local tail = node.new("glue")
  last.next, tail.prev = tail, last
  lang.hyphenate(head, tail)
  local parts = {}
  for n in node.traverse(head) do
    if n.id == node.id("glyph") then parts[#parts + 1] = utf8.char(n.char)
    elseif n.id == node.id("disc") then parts[#parts + 1] = "-" end
  end
  out:write(table.concat(parts), "\n")
  node.flush_list(head)
end
out:close()
"""

TEX = r"""\documentclass{article}
\usepackage[russian]{babel}
\begin{document}
\directlua{dofile("hyphenate.lua")}
\end{document}
"""


def tex_hyphenate(parts, work: Path):
    """TeX's breaks of each word given (a word without hyphens); the minimums used."""
    (work / "words.txt").write_text("".join(p + "\n" for p in parts), encoding="utf-8")
    (work / "hyphenate.lua").write_text(LUA, encoding="utf-8")
    (work / "corpus.tex").write_text(TEX, encoding="utf-8")
    run = subprocess.run(["lualatex", "-interaction=nonstopmode", "-halt-on-error", "corpus.tex"],
                         cwd=work, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("lualatex failed:\n" + run.stdout[-3000:])
    lines = (work / "hyphenated.txt").read_text(encoding="utf-8").splitlines()
    left, right, uchyph = (int(x) for x in lines[0].split()[:3])
    hyphenated = lines[1:]
    assert len(hyphenated) == len(parts)
    for word, result in zip(parts, hyphenated):
        assert result.replace("-", "") == word, (word, result)
    return dict(zip(parts, hyphenated)), left, right, uchyph


def versions():
    luatex = subprocess.run(["luatex", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    luatex = luatex.removeprefix("This is ")
    packages = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}, ", *TEX_PACKAGES.split()],
                              capture_output=True, text=True).stdout.strip().rstrip(",")
    pattern_file = subprocess.run(["kpsewhich", "hyph-ru.tex"], capture_output=True, text=True).stdout.strip()
    version = re.search(r"^% version: (.*)$", Path(pattern_file).read_text(encoding="utf-8"), re.M)
    return luatex, packages, version.group(1) if version else "?"


# Where docgen's breaks are not TeX's: the word as docgen breaks it, and why (a key of
# REASONS). tests/text_test.cpp accepts exactly these.
REASONS = {
    "ё": "hyphen-ru has no patterns with «ё», and docgen gives «ё» all of «е»'s; TeX has "
         "cyryoal's copies with «ё» of those patterns only that the «ё» words of a dictionary "
         "meet. «в2лев» has none: TeX breaks «Жу-рав-лёв» but «Жу-равлев», docgen both as the "
         "second.",
}
KNOWN = {
    "Журавлёв": ("Жу-равлёв", "ё"),
    "Журавлёва": ("Жу-равлё-ва", "ё"),
    "Журавлёвская": ("Жу-равлёв-ская", "ё"),
}


def russian_order(word):
    """Alphabetical, «ё» after «е», then capitals first."""
    return word.lower().replace("ё", "е\uffff"), word

HEADER = [
    "Russian words with the breaks TeX finds in them, one word a line, each break a \"-\". "
    "A hyphen of the word itself is written \"=\" («со-ци-аль-но=эко-но-ми-че-ских»).",
    "Made by tests/hyphenation/make_corpus.py on {date} with {luatex} ({packages}): each "
    "word through LuaTeX's lang.hyphenate, which TeX's paragraph builder calls, in lualatex "
    "with babel's russian, that is TeX Live's hyph-ru patterns (version {version}: A. I. "
    "Lebedev's ruhyphal, which Debian's hyphen-ru ships, with cyryoal's patterns for «ё», "
    "ruhyphen's additions «.не8 8не.» and «8бъ.»…, and the exceptions of \\hyphenation), "
    "with \\lefthyphenmin={left}, \\righthyphenmin={right} and \\uchyph={uchyph}, as babel "
    "sets them for Russian. docgen keeps 2 letters at either end too (kMinLeft, kMinRight "
    "in generator/text/hyphenator.cpp); hyph_ru_RU.dic names none (it has no LEFTHYPHENMIN "
    "or RIGHTHYPHENMIN line).",
    "TeX leaves a word that has a hyphen unhyphenated but at that hyphen; docgen breaks "
    "each part as Russian typesetting does. For such a word the line gives TeX's breaks "
    "of each part hyphenated as a word of its own.",
    "Words: {count} distinct forms (case kept) of {min_letters} letters or more: {from_texts} "
    "from the texts ({sources}), the other {extra} from a list in the script of words with "
    "«ё», capitals, the domain's long words and compounds, and the words of TeX's exceptions.",
    "Known differences, which tests/text_test.cpp (Hyphenation.AgreesWithTeX) allows: a line "
    "\"# differs: \" with docgen's breaks of a word and the reason, explained first.",
]


def comment(paragraph, indent=""):
    return textwrap.fill(paragraph, 90, initial_indent="# " + indent, subsequent_indent="# " + " " * len(indent),
                         break_on_hyphens=False) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docgen", default=str(ROOT / "build" / "docgen"))
    parser.add_argument("--output", default=str(ROOT / "tests" / "hyphenation" / "corpus.txt"))
    args = parser.parse_args()
    if not shutil.which("lualatex") or not subprocess.run(["kpsewhich", "hyph-ru.tex", "russianb.ldf"],
                                                           capture_output=True, text=True).stdout.count("\n") == 2:
        sys.exit(f"needs LuaTeX and TeX Live's Russian patterns: apt-get install {TEX_PACKAGES}")
    docgen = Path(args.docgen)
    if not docgen.exists():
        sys.exit(f"{docgen} not found: build docgen first (cmake --build build)")

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        long_enough = lambda word: len(word.replace("-", "")) >= MIN_LETTERS
        words, sources = set(), collections.Counter()
        for source, text in texts(docgen, work):
            words.update(filter(long_enough, WORD.findall(text)))
            sources[source] += 1
        from_texts = len(words)
        words.update(filter(long_enough, EXTRA_WORDS.split()))
        for word in exception_words():
            words.update(filter(long_enough, {word, word.capitalize()}))
        words = sorted(words, key=russian_order)
        parts = sorted({part for word in words for part in word.split("-")})
        by_tex, left, right, uchyph = tex_hyphenate(parts, work)

    luatex, packages, version = versions()
    values = dict(date=datetime.date.today().isoformat(), luatex=luatex, packages=packages, version=version,
                  left=left, right=right, uchyph=uchyph, count=len(words), min_letters=MIN_LETTERS,
                  from_texts=from_texts, extra=len(words) - from_texts,
                  sources=", ".join(f"{count} {source}" for source, count in sources.items()))
    lines = ["#\n".join(comment(paragraph.format(**values)) for paragraph in HEADER)]
    for reason, text in REASONS.items():
        lines.append(comment(text, f"({reason}) "))
    for word, (breaks, reason) in sorted(KNOWN.items(), key=lambda item: russian_order(item[0])):
        if word not in words:
            sys.exit(f"a known difference names {word}, which is not in the corpus")
        lines.append(f"# differs: {breaks} ({reason})\n")
    lines.append("#\n")
    lines += ["=".join(by_tex[part] for part in word.split("-")) + "\n" for word in words]
    Path(args.output).write_text("".join(lines), encoding="utf-8")
    print(f"{args.output}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
