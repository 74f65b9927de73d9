#!/usr/bin/env python3
"""Generate examples/smolensk-2022/data.json: the synthetic cluster results of Smolensk region.

The schools, their names, ids, results and support facts are INVENTED. The aggregates are
the published ones: the 27 municipalities of the region, the cluster counts of the Concept
(order 548-ОД: 10 ШПУ, 99 ШБУ, 68 ШНРО, 130 ШФНСУ, 35 ШсРНР), 34 664 pupils in Смоленск,
322 in Глинковский район, about 65 % of the schools rural teaching about 20 % of the pupils.

Standard library only, fixed seed: two runs write byte-identical files.

    /usr/bin/python3 examples/smolensk-2022/generate.py

The schools are made in two steps. The first (seed SEED) classifies by the rules the
example was first built for: every low result and every unobjective one a marker; ШНРО 6
or more markers, ШсРНР 1 to 5, ШФНСУ no markers and isbs.value < -0.5, ШПУ an elite kind,
ШБУ the rest. The second (concept_readings, seed SEED + 1) applies the Concept's exact
readings of rules/concept-2022.json, keeping the published counts:
  marker  = a low result the Concept lists (not ЕГЭ Russian), or an unobjective ВПР;
  ШНРО    = 6 or more markers;
  ШсРНР   = 1 to 5 markers and the federal status «базово неуспевающие»;
  ШФНСУ   = isbs.value < -0.5 (level «низкий»);
  ШсРНР   = 1 to 5 markers;
  ШПУ     = elite kind, no markers this year and last, low results below the region's;
  ШБУ     = everything else.
"""

import json
import math
import random
from pathlib import Path

SEED = 20221115
HERE = Path(__file__).resolve().parent
OUT = HERE / "data.json"

CLUSTERS = ["ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"]
TARGET = {"ШПУ": 10, "ШБУ": 99, "ШНРО": 68, "ШФНСУ": 130, "ШсРНР": 35}
TARGET_PREV = {"ШПУ": 9, "ШБУ": 95, "ШНРО": 74, "ШФНСУ": 128, "ШсРНР": 36}
ELITE = ("гимназия", "лицей", "СОШ с УИОП")
LOW_SHARE = 30
ISBS_LOWER_QUARTILE = -0.5
ISBS_LEVELS = [(-0.5, "низкий"), (-0.15, "ниже среднего"), (0.15, "средний"),
               (0.5, "выше среднего"), (None, "высокий")]
ISBS_BOUNDARIES = (-0.5, -0.15, 0.15, 0.5)

# Transitions 2021 (row: previous cluster) -> 2022 (column: this year's cluster).
# Rows sum to TARGET_PREV, columns to TARGET; the diagonal holds 204 of 342 schools.
TRANSITIONS = {
    "ШПУ":   {"ШПУ": 8, "ШБУ": 0,  "ШНРО": 0,  "ШФНСУ": 0,  "ШсРНР": 1},
    "ШБУ":   {"ШПУ": 0, "ШБУ": 70, "ШНРО": 6,  "ШФНСУ": 12, "ШсРНР": 7},
    "ШНРО":  {"ШПУ": 0, "ШБУ": 16, "ШНРО": 24, "ШФНСУ": 22, "ШсРНР": 12},
    "ШФНСУ": {"ШПУ": 0, "ШБУ": 5,  "ШНРО": 30, "ШФНСУ": 90, "ШсРНР": 3},
    "ШсРНР": {"ШПУ": 2, "ШБУ": 8,  "ШНРО": 8,  "ШФНСУ": 6,  "ШсРНР": 12},
}

# ---------------------------------------------------------------------------------------
# Municipalities: the 27 real ones, in the order of the brief.
# (id, name, genitive, kind, schools, urban schools, urban pupils, rural pupils)
# Pupil totals are plausible except Смоленск (34 664) and Глинковский район (322),
# which are the published figures.
MUNICIPALITIES = [
    ("smolensk", "город Смоленск", "города Смоленска", "городской округ", 40, 40, 34664, 0),
    ("desnogorsk", "город Десногорск", "города Десногорска", "городской округ", 4, 4, 3620, 0),
    ("velizh", "Велижский район", "Велижского района", "муниципальный район", 6, 2, 720, 190),
    ("vyazma", "Вяземский район", "Вяземского района", "муниципальный район", 25, 11, 6880, 1540),
    ("gagarin", "Гагаринский район", "Гагаринского района", "муниципальный район", 21, 8, 4230, 1290),
    ("glinka", "Глинковский район", "Глинковского района", "муниципальный район", 4, 0, 0, 322),
    ("demidov", "Демидовский район", "Демидовского района", "муниципальный район", 8, 2, 820, 350),
    ("dorogobuzh", "Дорогобужский район", "Дорогобужского района", "муниципальный район", 10, 4, 2290, 440),
    ("dukhovshchina", "Духовщинский район", "Духовщинского района", "муниципальный район", 9, 2, 960, 420),
    ("yelnya", "Ельнинский район", "Ельнинского района", "муниципальный район", 7, 2, 870, 310),
    ("yershichi", "Ершичский район", "Ершичского района", "муниципальный район", 5, 0, 0, 470),
    ("kardymovo", "Кардымовский район", "Кардымовского района", "муниципальный район", 8, 1, 570, 440),
    ("krasny", "Краснинский район", "Краснинского района", "муниципальный район", 9, 1, 500, 520),
    ("monastyrshchina", "Монастырщинский район", "Монастырщинского района", "муниципальный район", 7, 0, 0, 700),
    ("novodugino", "Новодугинский район", "Новодугинского района", "муниципальный район", 8, 0, 0, 760),
    ("pochinok", "Починковский район", "Починковского района", "муниципальный район", 17, 2, 1330, 1250),
    ("roslavl", "Рославльский район", "Рославльского района", "муниципальный район", 24, 11, 5600, 1060),
    ("rudnya", "Руднянский район", "Руднянского района", "муниципальный район", 14, 4, 1920, 650),
    ("safonovo", "Сафоновский район", "Сафоновского района", "муниципальный район", 20, 10, 5050, 830),
    ("smolensky", "Смоленский район", "Смоленского района", "муниципальный район", 27, 0, 0, 4820),
    ("sychyovka", "Сычёвский район", "Сычёвского района", "муниципальный район", 7, 2, 780, 230),
    ("tyomkino", "Тёмкинский район", "Тёмкинского района", "муниципальный район", 7, 0, 0, 480),
    ("ugra", "Угранский район", "Угранского района", "муниципальный район", 9, 0, 0, 740),
    ("khislavichi", "Хиславичский район", "Хиславичского района", "муниципальный район", 8, 1, 420, 300),
    ("kholm-zhirkovsky", "Холм-Жирковский район", "Холм-Жирковского района", "муниципальный район", 9, 1, 390, 440),
    ("shumyachi", "Шумячский район", "Шумячского района", "муниципальный район", 9, 1, 480, 390),
    ("yartsevo", "Ярцевский район", "Ярцевского района", "муниципальный район", 20, 11, 5960, 830),
]

# Rough geography: which municipalities border which (made symmetric below).
NEIGHBOURS = {
    "smolensk": ["smolensky"],
    "desnogorsk": ["roslavl"],
    "velizh": ["demidov", "rudnya"],
    "vyazma": ["novodugino", "sychyovka", "tyomkino", "ugra", "safonovo", "dorogobuzh", "kholm-zhirkovsky"],
    "gagarin": ["tyomkino", "novodugino"],
    "glinka": ["yelnya", "pochinok", "dorogobuzh", "kardymovo"],
    "demidov": ["velizh", "rudnya", "smolensky", "dukhovshchina"],
    "dorogobuzh": ["safonovo", "vyazma", "ugra", "yelnya", "glinka", "kardymovo", "yartsevo"],
    "dukhovshchina": ["demidov", "smolensky", "kardymovo", "yartsevo", "kholm-zhirkovsky"],
    "yelnya": ["dorogobuzh", "ugra", "glinka", "pochinok", "roslavl"],
    "yershichi": ["roslavl", "shumyachi"],
    "kardymovo": ["smolensky", "dukhovshchina", "yartsevo", "dorogobuzh", "glinka", "pochinok"],
    "krasny": ["smolensky", "monastyrshchina", "rudnya"],
    "monastyrshchina": ["krasny", "smolensky", "pochinok", "khislavichi"],
    "novodugino": ["sychyovka", "vyazma", "gagarin"],
    "pochinok": ["smolensky", "monastyrshchina", "khislavichi", "roslavl", "yelnya", "glinka", "kardymovo"],
    "roslavl": ["pochinok", "khislavichi", "shumyachi", "yershichi", "yelnya", "desnogorsk"],
    "rudnya": ["velizh", "demidov", "smolensky", "krasny"],
    "safonovo": ["vyazma", "dorogobuzh", "yartsevo", "kholm-zhirkovsky"],
    "smolensky": ["smolensk", "demidov", "dukhovshchina", "kardymovo", "pochinok", "monastyrshchina", "krasny", "rudnya"],
    "sychyovka": ["novodugino", "vyazma", "kholm-zhirkovsky"],
    "tyomkino": ["gagarin", "vyazma", "ugra"],
    "ugra": ["vyazma", "tyomkino", "yelnya", "dorogobuzh"],
    "khislavichi": ["monastyrshchina", "pochinok", "roslavl", "shumyachi"],
    "kholm-zhirkovsky": ["sychyovka", "vyazma", "safonovo", "yartsevo", "dukhovshchina"],
    "shumyachi": ["roslavl", "yershichi", "khislavichi"],
    "yartsevo": ["dukhovshchina", "kardymovo", "dorogobuzh", "safonovo", "kholm-zhirkovsky"],
}

# Urban schools outside Смоленск: (town genitive for numbered schools, or None) and a list
# of (inner name, short name, kind). Numbered town schools are generated from a count.
TOWN_GENITIVE = {
    "desnogorsk": None, "vyazma": "г. Вязьмы", "gagarin": "г. Гагарина", "roslavl": "г. Рославля",
    "safonovo": "г. Сафоново", "yartsevo": "г. Ярцево",
}
SMALL_TOWN_SCHOOLS = {
    "velizh": ["Велижская средняя школа № 1", "Велижская средняя школа № 2"],
    "demidov": ["Демидовская средняя школа № 1", "Демидовская средняя школа № 2"],
    "dorogobuzh": ["Дорогобужская средняя школа № 1", "Дорогобужская средняя школа № 2",
                   "Верхнеднепровская средняя школа № 1", "Верхнеднепровская средняя школа № 2"],
    "dukhovshchina": ["Духовщинская средняя школа", "Озерненская средняя школа"],
    "yelnya": ["Ельнинская средняя школа № 1", "Ельнинская средняя школа № 2"],
    "kardymovo": ["Кардымовская средняя школа"],
    "krasny": ["Краснинская средняя школа"],
    "pochinok": ["Починковская средняя школа № 1", "Починковская средняя школа № 2"],
    "rudnya": ["Руднянская средняя школа № 1", "Руднянская средняя школа № 2",
               "Руднянская основная школа № 3", "Голынковская средняя школа"],
    "sychyovka": ["Сычёвская средняя школа № 1", "Сычёвская средняя школа № 2"],
    "khislavichi": ["Хиславичская средняя школа"],
    "kholm-zhirkovsky": ["Холм-Жирковская средняя школа"],
    "shumyachi": ["Шумячская средняя школа"],
}
# The district-centre school of a district without a town (rural, СОШ, the largest).
RURAL_CENTRE = {
    "glinka": "Глинковская", "yershichi": "Ершичская", "monastyrshchina": "Монастырщинская",
    "novodugino": "Новодугинская", "tyomkino": "Тёмкинская", "ugra": "Угранская",
}
# The twelve schools of the elite kinds: 10 are ШПУ, 2 fall into ШсРНР through markers.
ELITE_SCHOOLS = {
    "smolensk": [("гимназия", "ШПУ"), ("гимназия", "ШПУ"), ("лицей", "ШПУ"), ("СОШ с УИОП", "ШПУ"),
                 ("гимназия", "ШПУ"), ("СОШ с УИОП", "ШПУ"), ("лицей", "ШсРНР")],
    "desnogorsk": [("СОШ с УИОП", "ШПУ")],
    "vyazma": [("гимназия", "ШПУ")],
    "roslavl": [("лицей", "ШПУ")],
    "yartsevo": [("гимназия", "ШПУ")],
    "safonovo": [("гимназия", "ШсРНР")],
}

# Invented adjectival village names (Smolensk-like, but not taken from a register).
VILLAGES = """Алексеевская Андреевская Архиповская Бабинская Барсуковская Белохолмская
Березкинская Боголюбовская Бородинская Буяновская Вердинская Верховская Вознесенская
Волоковская Воскресенская Высоковская Гавриловская Голубковская Горбуновская Городищенская
Гришинская Дубровская Дмитровская Дроздовская Ефремовская Жуковская Заборьевская Заречненская
Знаменская Зубовская Ивановская Игнатовская Ильинская Каменская Карповская Кирилловская
Климовская Ключевская Козловская Колодезянская Колосовская Коровинская Косинская Красносельская
Крутовская Кузьминская Лапинская Лебедевская Липовская Лозинская Лукинская Малеевская Марьинская
Мещерская Михайловская Мокрецкая Муравьёвская Никольская Новосельская Озерская Ольховская
Орловская Осиновская Павловская Панфиловская Песковская Петровская Подберезская Покровская
Полежаевская Полуевская Пустошкинская Рождественская Рыбковская Савинская Свиридовская
Семёновская Сергеевская Симоновская Слободская Сосновская Спасская Староселенская Степановская
Тарасовская Тимофеевская Троицкая Тумановская Успенская Федоровская Филимоновская Холмовская
Черновская Шапковская Шиловская Щербинская Юрьевская Яковлевская Ясенская Борисовская
Васьковская Глушковская Денисовская Егорьевская Зайцевская Кашинская Лесновская Макаровская
Назаровская Огородненская Пашковская Рябцевская Сенинская Травкинская Устиновская Хмелёвская
Цветковская Чистиковская Ширяевская Ельцовская Аксёновская Бельковская Власовская Гореловская
Дятловская Жеребцовская Загорская Исаковская Калиновская Ларионовская Митинская Неклюдовская
Оленинская Прудковская Ракитинская Сухаревская Трофимовская Ушаковская Фоминская Харинская
Чапаевская Шелеховская Бакланская Барановская Беляевская Бобровская Боровская Булгаковская
Ветлицкая Владимировская Воронцовская Гладковская Глебовская Голованская Гончаровская
Гороховская Грязновская Гусевская Давыдовская Демьяновская Дорофеевская Ермолинская Жигаловская
Журавлёвская Заозерская Золотухинская Ивашковская Кленовская Ковалёвская Колесниковская
Комаровская Кононовская Коробецкая Кошелевская Кудиновская Кулешовская Курганская Лавровская
Лешинская Лужковская Мартыновская Матвеевская Медведевская Мироновская Моховская Никитинская
Новиковская Овсянниковская Окуневская Осташковская Пантелеевская Плосковская Полянская
Приреченская Прохоровская Радьковская Речицкая Рябининская Самсоновская Селищенская Смирновская
Соколовская Сорокинская Стрелецкая Субботинская Тихоновская Толкачёвская Тополевская
Ульяновская Фроловская Хлебниковская Хохловская Чащинская Чернышевская Шевелёвская Шестаковская
Шумиловская Щукинская Юшковская Языковская""".split()
PREFIXES = ["Ново", "Старо"]

# ---------------------------------------------------------------------------------------
RECOMMENDATIONS = {
    "ШПУ": [
        "Выступить школой-наставником для школ с низкими результатами обучения: разработать совместный план взаимодействия, организовать стажировки и взаимопосещение уроков.",
        "Обобщить эффективные управленческие и педагогические практики и представить их на региональном уровне для включения в Региональный банк педагогического опыта.",
        "Организовать на базе школы семинары-практикумы, мастер-классы и лаборатории для педагогов школ с низкими результатами обучения и школ, функционирующих в неблагоприятных социальных условиях.",
        "Обеспечивать стабильность высоких образовательных результатов и объективность оценивания, участвовать в перекрестной проверке работ всероссийских проверочных работ.",
        "Поддерживать внутришкольную систему профилактики учебной неуспешности, в том числе для обучающихся с особыми образовательными потребностями.",
    ],
    "ШБУ": [
        "Сформировать внутришкольную систему профилактики учебной неуспешности и закрепить ее локальными нормативными актами.",
        "Разработать индивидуальные образовательные маршруты для слабоуспевающих и неуспевающих обучающихся, организовать дополнительные занятия и закрепить за неуспевающими наставников.",
        "Обеспечить объективность оценочных процедур: независимое наблюдение при проведении всероссийских проверочных работ и перекрестную проверку работ.",
        "Представить управленческие и педагогические практики профилактики учебной неуспешности на региональном уровне.",
        "При закреплении в качестве школы-наставника разработать совместный план взаимодействия со школой с низкими результатами обучения.",
    ],
    "ШНРО": [
        "Разработать и утвердить программу повышения качества образования с учетом выявленных маркеров низких результатов обучения.",
        "Провести диагностику причин низких образовательных результатов и профессиональных дефицитов педагогических работников, реализовать индивидуальные образовательные маршруты педагогов на базе ЦНППМ.",
        "Организовать взаимодействие со школой-наставником: согласовать план совместной работы, взаимопосещение уроков, консультации для педагогов.",
        "Обеспечить участие управленческой команды и педагогов в мероприятиях регионального уровня: «Методический десант», семинары-практикумы, стажировки.",
        "Разработать индивидуальные образовательные маршруты для обучающихся с рисками учебной неуспешности, организовать дополнительные занятия по русскому языку и математике.",
        "Рассматривать ход реализации программы повышения качества обучения на заседаниях коллегиальных органов школы (II квартал 2023 года).",
    ],
    "ШФНСУ": [
        "Провести самодиагностику материально-технических, кадровых и информационно-коммуникационных ресурсных дефицитов и спланировать их устранение совместно с учредителем.",
        "Использовать ресурсы центров «Точка роста», сетевых соглашений и дистанционных форм обучения для компенсации дефицитов материальной базы.",
        "Организовать психолого-педагогическое сопровождение обучающихся и консультирование родителей по проблемам учебной неуспешности.",
        "Обеспечить участие педагогов в повышении квалификации по программам из федерального реестра ДПП и в профессиональных сетевых сообществах.",
        "Вовлечь органы государственно-общественного управления и родительскую общественность в решение вопросов повышения качества образования.",
    ],
    "ШсРНР": [
        "Разработать и утвердить антирисковую программу (программу по преодолению рисков снижения образовательных результатов) на 2022–2023 учебный год.",
        "Провести анализ рисков по предметам и классам, в которых выявлены маркеры низких результатов, и составить рисковый профиль школы.",
        "Обеспечить объективность проведения и проверки всероссийских проверочных работ: независимое наблюдение, перекрестная проверка.",
        "Реализовать программу наставничества по модели «учитель — учитель» для педагогов-предметников, обучающиеся которых показали низкие результаты.",
        "Рассмотреть вопросы реализации антирисковых мер на заседаниях коллегиальных органов школы (I и II кварталы 2023 года).",
    ],
}

EGE_ELECTIVES = ["физика", "химия", "биология", "история", "обществознание",
                 "английский язык", "литература", "информатика"]
ELECTIVE_WEIGHTS = [3, 2, 3, 2, 6, 2, 1, 2]


# ---------------------------------------------------------------------------------------
def isbs_level(v):
    for bound, name in ISBS_LEVELS:
        if bound is None or v < bound:
            return name
    raise AssertionError


def max_nonmarker_low(p):
    """The largest low count that is not a marker: low * 100 < 30 * p."""
    return (LOW_SHARE * p - 1) // 100


def min_marker_low(p):
    return (LOW_SHARE * p + 99) // 100


def is_low(a):
    return a["low"] / a["participants"] * 100 >= LOW_SHARE


def is_marker(a):
    return is_low(a) or not a["objective"]


def markers(assessments):
    return sum(1 for a in assessments if is_marker(a))


def cluster_by_rules(s):
    m = markers(s["assessments"])
    if m >= 6:
        return "ШНРО"
    if m >= 1:
        return "ШсРНР"
    if s["isbs"]["value"] < ISBS_LOWER_QUARTILE:
        return "ШФНСУ"
    if s["kind"] in ELITE:
        return "ШПУ"
    return "ШБУ"


def dynamic(a):
    """Russian and mathematics in the procedures of indicators 1.2.5 and 2.2.8."""
    if a["procedure"] == "ВПР":
        return a["grade"] in (4, 5, 8) and a["subject"] in ("математика", "русский язык")
    if a["procedure"] == "ОГЭ":
        return a["subject"] in ("математика", "русский язык")
    return a["subject"] in ("математика (профильная)", "русский язык")


def subject_group(a):
    return "rus" if a["subject"] == "русский язык" else "math"


def shares(assessments):
    """Share of low results in Russian, in mathematics and in both (dynamic assessments)."""
    acc = {"rus": [0, 0], "math": [0, 0], "all": [0, 0]}
    for a in assessments:
        if dynamic(a):
            for key in (subject_group(a), "all"):
                acc[key][0] += a["low"]
                acc[key][1] += a["participants"]
    return {k: (v[0] / v[1] if v[1] else None) for k, v in acc.items()}


def improved(now, before):
    s1, s0 = shares(now), shares(before)
    return all(s1[k] is not None and s0[k] is not None and s1[k] < s0[k] for k in ("rus", "math", "all"))


def not_improved(now, before):
    s1, s0 = shares(now), shares(before)
    return all(s1[k] is None or s0[k] is None or s1[k] >= s0[k] for k in ("rus", "math", "all"))


def weighted_sample(rng, items, weights, k):
    """k distinct items, chosen with probability growing with weight (Efraimidis–Spirakis)."""
    keyed = [(rng.random() ** (1.0 / w), i) for i, w in enumerate(weights)]
    keyed.sort(reverse=True)
    return [items[i] for _, i in keyed[:k]]


def allocate(rng, total, weights, minimum):
    """Split total into integers proportional to weights, each at least its minimum."""
    n = len(weights)
    base = [minimum[i] for i in range(n)]
    rest = total - sum(base)
    assert rest >= 0, (total, minimum)
    wsum = sum(weights)
    raw = [rest * w / wsum for w in weights]
    ints = [int(math.floor(r)) for r in raw]
    left = rest - sum(ints)
    order = sorted(range(n), key=lambda i: (raw[i] - ints[i], -i), reverse=True)
    for i in order[:left]:
        ints[i] += 1
    return [base[i] + ints[i] for i in range(n)]


# ---------------------------------------------------------------------------------------
class Generator:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.schools = []           # dicts with private keys prefixed by "_"
        self.notes = {}             # special schools, for the printout

    # -- schools, names, kinds, pupils -------------------------------------------------
    def village_pool(self):
        """Plain names first (popped from the end), compounds only as a reserve."""
        rng = self.rng
        assert len(set(VILLAGES)) == len(VILLAGES)
        plain = list(VILLAGES)
        rng.shuffle(plain)
        reserve = [p + v[0].lower() + v[1:] for p in PREFIXES for v in VILLAGES
                   if not v.startswith(("Нов", "Стар", "Верх", "Ниж"))]
        rng.shuffle(reserve)
        return reserve + plain

    def build_schools(self):
        rng = self.rng
        pool = self.village_pool()
        used_villages = []
        for mi, (mid, mname, mgen, mkind, n, n_urban, urban_pupils, rural_pupils) in enumerate(MUNICIPALITIES):
            entries = []
            elites = list(ELITE_SCHOOLS.get(mid, []))
            if mid == "smolensk":
                numbers = list(range(1, 44))
                for skip in (3, 22, 36):
                    numbers.remove(skip)
                numbers = numbers[:n_urban]
                elite_numbers = sorted(rng.sample(numbers, len(elites)))
                elite_by_number = dict(zip(elite_numbers, elites))
                ooh = [x for x in numbers if x not in elite_by_number]
                small = rng.sample(ooh, 3)      # two basic schools and one primary school
                for num in numbers:
                    if num in elite_by_number:
                        kind, cl = elite_by_number[num]
                        entries.append(self.numbered(kind, num, "города Смоленска", cluster=cl))
                    elif num == small[0]:
                        entries.append(self.numbered("НОШ", num, "города Смоленска"))
                    elif num in small[1:]:
                        entries.append(self.numbered("ООШ", num, "города Смоленска"))
                    else:
                        entries.append(self.numbered("СОШ", num, "города Смоленска"))
            elif mid in TOWN_GENITIVE:
                town = TOWN_GENITIVE[mid]
                numbers = list(range(1, n_urban + 1))
                elite_numbers = sorted(rng.sample(numbers, len(elites)))
                elite_by_number = dict(zip(elite_numbers, elites))
                basic = rng.choice([x for x in numbers if x not in elite_by_number]) if n_urban >= 8 else None
                for num in numbers:
                    if num in elite_by_number:
                        kind, cl = elite_by_number[num]
                    else:
                        kind, cl = ("ООШ" if num == basic else "СОШ"), None
                    if mid == "desnogorsk":
                        entries.append(self.numbered(kind, num, "города Десногорска", cluster=cl))
                    else:
                        entries.append(self.numbered(kind, num, mgen, town=town, cluster=cl))
            else:
                for inner in SMALL_TOWN_SCHOOLS.get(mid, []):
                    kind = "ООШ" if "основная" in inner else "СОШ"
                    short = inner.replace("средняя школа", "СШ").replace("основная школа", "ОШ")
                    entries.append({"_inner": inner, "short_name": short, "kind": kind, "_tail": mgen})
            assert len(entries) == n_urban, (mid, len(entries))
            for e in entries:
                e["locality"] = "городская"

            # rural schools
            n_rural = n - n_urban
            rural = []
            for k in range(n_rural):
                if k == 0 and mid in RURAL_CENTRE:
                    village, kind = RURAL_CENTRE[mid], "СОШ"
                else:
                    village = pool.pop()
                    used_villages.append(village)
                    r = rng.random()
                    kind = "НОШ" if r < 0.032 else ("ООШ" if r < 0.47 else "СОШ")
                rural.append({"_village": village, "kind": kind, "locality": "сельская", "_tail": mgen})
            entries.extend(rural)

            # pupils
            urban = [e for e in entries if e["locality"] == "городская"]
            if urban:
                w = [self.size_weight(e, True) for e in urban]
                mins = [40 if e["kind"] == "НОШ" else (150 if e["kind"] == "ООШ" else 250) for e in urban]
                for e, p in zip(urban, allocate(rng, urban_pupils, w, mins)):
                    e["pupils"] = p
            if rural:
                w = [self.size_weight(e, False) for e in rural]
                if mid in RURAL_CENTRE:
                    w[0] *= 3.0
                if mid == "smolensky":
                    w = [x * (1.0 + rng.random()) for x in w]
                mins = [5 if e["kind"] == "НОШ" else (12 if e["kind"] == "ООШ" else 35) for e in rural]
                for e, p in zip(rural, allocate(rng, rural_pupils, w, mins)):
                    e["pupils"] = p

            for e in entries:
                e["municipality"] = mid
                e["_mi"] = mi
                self.schools.append(e)

        # names (rural names need the kind; two rural names drop the district on purpose)
        for s in self.schools:
            if "_village" in s:
                word = {"НОШ": "начальная школа", "ООШ": "основная школа", "СОШ": "средняя школа"}[s["kind"]]
                sw = {"НОШ": "НШ", "ООШ": "ОШ", "СОШ": "СШ"}[s["kind"]]
                s["_inner"] = f"{s['_village']} {word}"
                s["short_name"] = f"{s['_village']} {sw}"
        for i, s in enumerate(self.schools):
            s["id"] = str(67101 + i)
        # the same-name pair: two basic schools called alike in two districts
        a = next(s for s in self.schools if s["municipality"] == "ugra" and s["kind"] == "ООШ" and "_village" in s)
        b = next(s for s in self.schools if s["municipality"] == "shumyachi" and s["kind"] == "ООШ" and "_village" in s)
        b["_village"] = a["_village"]
        b["_inner"], b["short_name"] = a["_inner"], a["short_name"]
        for s in (a, b):
            s["name"] = f"МБОУ «{s['_inner']}»"
        self.notes["same_name"] = [a, b]
        for s in self.schools:
            if "name" not in s:
                s["name"] = f"МБОУ «{s['_inner']}» {s['_tail']}"

    def numbered(self, kind, num, tail, town=None, cluster=None):
        inner = {
            "гимназия": f"Гимназия № {num}",
            "лицей": f"Лицей № {num}",
            "СОШ с УИОП": f"Средняя школа № {num} с углубленным изучением отдельных предметов",
            "СОШ": f"Средняя школа № {num}",
            "ООШ": f"Основная школа № {num}",
            "НОШ": f"Начальная школа № {num}",
        }[kind]
        short = {
            "гимназия": f"Гимназия № {num}", "лицей": f"Лицей № {num}",
            "СОШ с УИОП": f"СШ № {num} с УИОП", "СОШ": f"СШ № {num}",
            "ООШ": f"ОШ № {num}", "НОШ": f"НШ № {num}",
        }[kind]
        if town:
            inner += f" {town}"
        e = {"_inner": inner, "short_name": short, "kind": kind, "_tail": tail}
        if cluster:
            e["_elite_cluster"] = cluster
        return e

    def size_weight(self, e, urban):
        r = self.rng.random()
        if urban:
            return {"НОШ": 0.3, "ООШ": 0.5}.get(e["kind"], 1.0) * (0.7 + 0.7 * r)
        return {"НОШ": 0.12, "ООШ": 0.45}.get(e["kind"], 1.6) * (0.5 + 1.2 * r)

    # -- clusters -------------------------------------------------------------------------
    def assign_clusters(self):
        rng = self.rng
        for s in self.schools:
            if "_elite_cluster" in s:
                s["_cluster"] = s.pop("_elite_cluster")
        rest_urban = [s for s in self.schools if s["locality"] == "городская" and "_cluster" not in s]
        rural = [s for s in self.schools if s["locality"] == "сельская"]
        bonus = {"smolensk": 0.6, "desnogorsk": 0.6, "smolensky": 0.5}
        # About 70 % of ШНРО and ШФНСУ are rural (the Concept): rural 102 ШФНСУ and 42 ШНРО.
        # urban: 28 ШФНСУ by social key, then 26 ШНРО, 15 ШсРНР, 39 ШБУ by results key
        social = sorted(rest_urban, key=lambda s: bonus.get(s["municipality"], 0) + rng.gauss(0, 1))
        for s in social[:28]:
            s["_cluster"] = "ШФНСУ"
        order = social[28:]
        nosh = [s for s in order if s["kind"] == "НОШ"]     # a primary school cannot be ШНРО
        other = [s for s in order if s["kind"] != "НОШ"]
        other.sort(key=lambda s: bonus.get(s["municipality"], 0) + rng.gauss(0, 1))
        for s in other[:26]:
            s["_cluster"] = "ШНРО"
        for s in other[26:41]:
            s["_cluster"] = "ШсРНР"
        for s in other[41:] + nosh:
            s["_cluster"] = "ШБУ"
        # rural: 102 ШФНСУ, then 42 ШНРО, 18 ШсРНР, 60 ШБУ
        social = sorted(rural, key=lambda s: 0.5 * math.log(s["pupils"]) + bonus.get(s["municipality"], 0)
                        + rng.gauss(0, 0.8))
        for s in social[:102]:
            s["_cluster"] = "ШФНСУ"
        left = social[102:]
        nosh = [s for s in left if s["kind"] == "НОШ"]
        other = [s for s in left if s["kind"] != "НОШ"]
        other.sort(key=lambda s: bonus.get(s["municipality"], 0) + 0.3 * math.log(s["pupils"]) + rng.gauss(0, 1))
        for s in other[:42]:
            s["_cluster"] = "ШНРО"
        for s in other[42:60]:
            s["_cluster"] = "ШсРНР"
        for s in other[60:] + nosh:
            s["_cluster"] = "ШБУ"
        counts = {c: sum(1 for s in self.schools if s["_cluster"] == c) for c in CLUSTERS}
        assert counts == TARGET, counts

        # previous clusters from the transition matrix, column by column
        for c in CLUSTERS:
            members = [s for s in self.schools if s["_cluster"] == c]
            rng.shuffle(members)
            bag = []
            for p in CLUSTERS:
                bag += [p] * TRANSITIONS[p][c]
            assert len(bag) == len(members), c
            # elite schools only come from ШПУ / ШсРНР; НОШ never from ШНРО
            def fits(s, p):
                if s["kind"] in ELITE:
                    return p in ("ШПУ", "ШсРНР")
                if p == "ШПУ":
                    return False
                if s["kind"] == "НОШ":
                    return p != "ШНРО"
                return True
            members.sort(key=lambda s: (0 if s["kind"] in ELITE else (1 if s["kind"] == "НОШ" else 2)))
            for s in members:
                options = [i for i, p in enumerate(bag) if fits(s, p)]
                # elite schools in ШсРНР: one came from ШПУ, one stayed ШсРНР
                if s["kind"] in ELITE and c == "ШсРНР":
                    want = "ШПУ" if "ШПУ" in bag else "ШсРНР"
                    options = [i for i in options if bag[i] == want]
                i = options[rng.randrange(len(options))]
                s["_prev"] = bag.pop(i)
        counts = {c: sum(1 for s in self.schools if s["_prev"] == c) for c in CLUSTERS}
        assert counts == TARGET_PREV, counts

    # -- ИСБШ ----------------------------------------------------------------------------
    def assign_isbs(self):
        rng = self.rng
        for s in self.schools:
            c = s["_cluster"]
            rural = s["locality"] == "сельская"
            if c == "ШФНСУ":
                v = -0.51 - abs(rng.gauss(0.35, 0.3))
                v = max(v, -1.95)
            elif c == "ШПУ":
                v = rng.uniform(0.2, 1.25)
            elif c == "ШБУ":
                v = rng.gauss(-0.05 if rural else 0.2, 0.28)
                v = max(v, -0.49)
            elif c == "ШНРО":
                if rng.random() < (0.6 if rural else 0.35):
                    v = -0.51 - abs(rng.gauss(0.3, 0.3))
                else:
                    v = rng.uniform(-0.49, 0.45)
            else:
                if rng.random() < (0.45 if rural else 0.25):
                    v = -0.51 - abs(rng.gauss(0.25, 0.25))
                else:
                    v = rng.uniform(-0.49, 0.6)
            v = round(v, 2)
            if v in ISBS_BOUNDARIES:
                v = round(v + (0.01 if v > -0.5 or c != "ШФНСУ" else -0.01), 2)
            if c != "ШФНСУ" and c not in ("ШНРО", "ШсРНР") and v < -0.49:
                v = -0.49
            s["isbs"] = {"value": v, "level": isbs_level(v)}

    # -- assessments ---------------------------------------------------------------------
    def plan_assessments(self, s):
        """The list of (procedure, subject, grade, participants) of this year."""
        rng = self.rng
        kind = s["kind"]
        grades = 4 if kind == "НОШ" else (9 if kind == "ООШ" else 11)
        per_grade = s["pupils"] / grades
        plan = []
        vpr_grades = [4] if kind == "НОШ" else [4, 5, 6, 7, 8]
        for g in vpr_grades:
            size = per_grade * rng.uniform(0.8, 1.15)
            for subj in ("математика", "русский язык"):
                p = max(2, round(size * rng.uniform(0.86, 1.0)))
                plan.append(("ВПР", subj, g, p))
        if kind != "НОШ":
            size = max(2, round(per_grade * rng.uniform(0.8, 1.1)))
            for subj in ("математика", "русский язык"):
                plan.append(("ОГЭ", subj, 9, size))
        if kind not in ("НОШ", "ООШ"):
            g11 = max(2, round(per_grade * rng.uniform(0.45, 0.75)))
            plan.append(("ЕГЭ", "математика (профильная)", 11, max(1, round(g11 * rng.uniform(0.35, 0.65)))))
            plan.append(("ЕГЭ", "русский язык", 11, g11))
            k = rng.choice([1, 2, 2, 3, 3])
            for subj in weighted_sample(rng, EGE_ELECTIVES, ELECTIVE_WEIGHTS, k):
                plan.append(("ЕГЭ", subj, 11, max(1, round(g11 * rng.uniform(0.1, 0.45)))))
        return plan

    def base_share(self, cluster):
        return {"ШПУ": 0.03, "ШБУ": 0.07, "ШФНСУ": 0.1, "ШсРНР": 0.1, "ШНРО": 0.13}[cluster]

    def fill_lows(self, plan, marker_idx, unobjective, both, cluster, shift=None):
        """Assessments for a plan. marker_idx: markers by low share; unobjective: markers by
        objective=false only; both: low share and objective=false. shift: per-index wished share."""
        rng = self.rng
        out = []
        base = self.base_share(cluster)
        for i, (proc, subj, g, p) in enumerate(plan):
            if i in marker_idx or i in both:
                share = rng.uniform(0.3, 0.58) if shift is None else max(0.3, min(0.7, shift[i]))
                low = max(min_marker_low(p), round(share * p))
                if low * 100 == LOW_SHARE * p and low < p:
                    low += 1                # exactly 30 % is kept for the three special cases
                low = min(low, p)
            else:
                share = abs(rng.gauss(base, base * 0.6)) if shift is None else max(0.0, shift[i])
                low = min(max_nonmarker_low(p), round(share * p))
            out.append({"procedure": proc, "subject": subj, "grade": g, "participants": p, "low": low,
                        "objective": not (i in unobjective or i in both)})
        return out

    def choose_markers(self, plan, m, prefer_dynamic=None):
        rng = self.rng
        idx = list(range(len(plan)))
        w = []
        for proc, subj, g, p in plan:
            a = {"procedure": proc, "subject": subj, "grade": g}
            x = 1.0
            if proc == "ВПР" and subj == "математика":
                x *= 1.4
            if prefer_dynamic is True and dynamic(a):
                x *= 4
            if prefer_dynamic is False and dynamic(a):
                x *= 0.08
            w.append(x)
        return set(weighted_sample(rng, idx, w, m))

    def marker_count(self, s):
        rng = self.rng
        c = s["_cluster"]
        if c == "ШНРО":
            return rng.choices(range(6, 13), [18, 17, 15, 13, 12, 10, 8])[0]
        if c == "ШсРНР":
            return rng.choices(range(1, 6), [30, 25, 20, 13, 12])[0]
        return 0

    def make_assessments(self):
        rng = self.rng
        # which schools improved in Russian / mathematics (previous assessments exist for
        # this year's ШНРО and ШсРНР): by transition; flipped later if infeasible.
        p_improve = {
            ("ШНРО", "ШНРО"): 0.7, ("ШНРО", "ШсРНР"): 0.3, ("ШНРО", "ШБУ"): 0.45, ("ШНРО", "ШФНСУ"): 0.45,
            ("ШсРНР", "ШНРО"): 0.9, ("ШсРНР", "ШсРНР"): 0.55, ("ШсРНР", "ШПУ"): 0.0, ("ШсРНР", "ШБУ"): 0.3,
            ("ШсРНР", "ШФНСУ"): 0.3,
        }
        for s in self.schools:
            c = s["_cluster"]
            m = self.marker_count(s)
            plan = self.plan_assessments(s)
            if s is self.disagree:
                m = 2
            m = min(m, len(plan) - 1)
            if c in ("ШНРО", "ШсРНР"):
                want = rng.random() < p_improve[(c, s["_prev"])]
                s["_want_improve"] = want
                self.with_previous(s, plan, m, want)
            else:
                s["assessments"] = self.fill_lows(plan, set(), set(), set(), c)

    def prev_marker_range(self, prev, n):
        if prev == "ШНРО":
            return 6, min(13, n - 1)
        if prev == "ШсРНР":
            return 1, 5
        return 0, 0

    def with_previous(self, s, plan, m, want):
        rng = self.rng
        c, prev = s["_cluster"], s["_prev"]
        lo, hi = self.prev_marker_range(prev, len(plan))
        for attempt in range(400):
            if attempt == 200:
                want = not want                 # infeasible as wished: take the other way
            prev_few = hi == 0 or hi < m
            marker_idx = self.choose_markers(plan, m, prefer_dynamic=(False if (want and prev_few) else None))
            unobj, both = set(), set()
            r = rng.random()
            vpr_markers = sorted(i for i in marker_idx if plan[i][0] == "ВПР")
            if vpr_markers and r < 0.1:
                unobj.add(vpr_markers[0])
            now = self.fill_lows(plan, marker_idx - unobj, unobj, both, c)
            # previous year: another cohort, shares drifting the wished way
            prev_plan = [(pr, su, g, max(1, round(p * rng.uniform(0.85, 1.15)))) for (pr, su, g, p) in plan]
            m_prev = rng.randint(lo, hi) if hi else 0
            prev_markers = self.choose_markers(prev_plan, m_prev, prefer_dynamic=want) if m_prev else set()
            wish = []
            for a, (pr, su, g, p) in zip(now, prev_plan):
                cur = a["low"] / a["participants"]
                if dynamic(a):
                    d = rng.uniform(0.04, 0.2)
                    wish.append(cur + d if want else max(0.0, cur - d))
                else:
                    wish.append(max(0.0, cur + rng.uniform(-0.1, 0.1)))
            before = self.fill_lows(prev_plan, prev_markers, set(), set(), prev, shift=wish)
            m_now = markers(now)
            m_before = markers(before)
            if m_now != m or not (lo <= m_before <= hi):
                continue
            if want and improved(now, before) or (not want and not_improved(now, before)):
                s["assessments"] = now
                s["_prev_assessments"] = before
                s["_improved"] = want
                return
        raise RuntimeError(f"cannot build assessments for {s['id']} {c} <- {prev}")

    # -- special cases -------------------------------------------------------------------
    def specials(self):
        """Exact 30 % markers, a marker that is both low and unobjective, boundary ИСБШ."""
        rng = self.rng

        def pick(pred):
            cands = [s for s in self.schools if pred(s) and "_special" not in s]
            s = cands[rng.randrange(len(cands))]
            s["_special"] = True
            return s

        def set_exact(s, idx, p, low):
            a = s["assessments"][idx]
            a["participants"], a["low"], a["objective"] = p, low, True

        exact = []

        def exact_candidates(s):
            return [i for i, a in enumerate(s["assessments"])
                    if is_low(a) and a["objective"] and 7 <= a["participants"] <= 40]

        # 1) a ШсРНР whose only marker is exactly 30 %; 2) a ШНРО with exactly 6 markers, one
        # of them exactly 30 %; 3) a ШсРНР with 3 markers, one exactly 30 %
        for cl, ms in (("ШсРНР", (1,)), ("ШНРО", (6,)), ("ШсРНР", (2, 3, 4))):
            for _ in range(200):
                s = pick(lambda s: s["_cluster"] == cl and markers(s["assessments"]) in ms
                         and s["kind"] not in ELITE and s is not self.disagree and exact_candidates(s))
                idx = exact_candidates(s)[0]
                saved = dict(s["assessments"][idx])
                p = 10 if saved["participants"] < 15 else (20 if saved["participants"] < 25 else 30)
                set_exact(s, idx, p, p * 3 // 10)
                if self.dynamics_ok(s):
                    exact.append((s, idx))
                    break
                s["assessments"][idx] = saved
                del s["_special"]
            else:
                raise RuntimeError("no school for an exact 30 % marker")
        self.notes["exact30"] = exact

        # a ШсРНР with 5 markers, one of them both low and unobjective (counts once)
        def five(s):
            return s["_cluster"] == "ШсРНР" and markers(s["assessments"]) == 5 \
                and any(is_low(a) and a["procedure"] == "ВПР" for a in s["assessments"])
        s = pick(five)
        idx = next(i for i, a in enumerate(s["assessments"]) if is_low(a) and a["procedure"] == "ВПР")
        s["assessments"][idx]["objective"] = False
        self.notes["both"] = (s, idx)

        # ИСБШ exactly on a boundary: ШБУ at -0.5 (ниже среднего, not ШФНСУ), ШБУ at 0.15,
        # ШПУ at 0.5
        b1 = pick(lambda s: s["_cluster"] == "ШБУ" and s["locality"] == "сельская" and -0.49 <= s["isbs"]["value"] < -0.3)
        b2 = pick(lambda s: s["_cluster"] == "ШБУ" and s["locality"] == "городская" and 0.1 <= s["isbs"]["value"] < 0.3)
        b3 = pick(lambda s: s["_cluster"] == "ШПУ" and 0.35 <= s["isbs"]["value"] < 0.7)
        for s, v in ((b1, -0.5), (b2, 0.15), (b3, 0.5)):
            s["isbs"] = {"value": v, "level": isbs_level(v)}
        self.notes["boundary"] = [b1, b2, b3]

        # given clusters: three agree with the rules, one disagrees (ШБУ with 2 markers)
        g1 = pick(lambda s: s["_cluster"] == "ШПУ" and s["municipality"] == "smolensk")
        g2 = pick(lambda s: s["_cluster"] == "ШНРО" and s["locality"] == "сельская")
        g3 = pick(lambda s: s["_cluster"] == "ШФНСУ" and s["locality"] == "сельская")
        for g in (g1, g2, g3):
            g["cluster"] = g["_cluster"]
        d = self.disagree
        assert markers(d["assessments"]) == 2
        d["cluster"] = "ШБУ"
        self.notes["given"] = [g1, g2, g3]
        self.notes["disagree"] = d

    def dynamics_ok(self, s):
        if "_prev_assessments" not in s:
            return True
        if s["_improved"]:
            return improved(s["assessments"], s["_prev_assessments"])
        return not_improved(s["assessments"], s["_prev_assessments"])

    # -- earlier clusters ---------------------------------------------------------------
    def earlier(self):
        rng = self.rng
        for s in self.schools:
            now, prev = s["_cluster"], s["_prev"]
            if now != "ШНРО" and prev != "ШНРО":
                continue
            n = rng.choice([1, 2, 2, 3])
            if now == "ШНРО" and prev == "ШНРО":
                p_first = 0.5
            elif prev == "ШНРО":
                p_first = 0.4
            else:
                p_first = 0.2
            seq = ["ШНРО" if rng.random() < p_first else rng.choice(["ШФНСУ", "ШсРНР", "ШБУ", "ШФНСУ"])]
            while len(seq) < n:
                seq.append(seq[-1] if rng.random() < 0.6 else rng.choice(["ШНРО", "ШФНСУ", "ШсРНР"]))
            if s["kind"] == "НОШ":
                seq = ["ШФНСУ" if x == "ШНРО" else x for x in seq]
            s["_earlier"] = seq

    # -- support -------------------------------------------------------------------------
    def mentor_pool(self, key):
        return [s for s in self.schools if s[key] in ("ШПУ", "ШБУ") and s is not self.disagree]

    def neighbours(self):
        nb = {m[0]: set() for m in MUNICIPALITIES}
        for a, lst in NEIGHBOURS.items():
            for b in lst:
                nb[a].add(b)
                nb[b].add(a)
        return {k: sorted(v) for k, v in nb.items()}

    def choose_mentor(self, s, pool, load):
        rng = self.rng
        nb = self.nb
        cap = 3
        while True:
            same = [m for m in pool if m["municipality"] == s["municipality"] and load.get(m["id"], 0) < cap]
            near = [m for m in pool if m["municipality"] in nb[s["municipality"]] and load.get(m["id"], 0) < cap]
            if same or near:
                break
            cap += 1
        # prefer ШПУ, then same municipality
        elite_same = [m for m in same if m["kind"] in ELITE]
        if elite_same and rng.random() < 0.5:
            cands = elite_same
        elif same and rng.random() < 0.7:
            cands = same
        elif near:
            cands = near
        else:
            cands = same or near
        assert cands, s["id"]
        m = cands[rng.randrange(len(cands))]
        load[m["id"]] = load.get(m["id"], 0) + 1
        return m["id"]

    def support(self):
        rng = self.rng
        self.nb = self.neighbours()
        n = len(self.schools)
        for s in self.schools:
            s["_sup"] = {"now": {}, "prev": {}}

        def flags(year, key, members, k):
            chosen = set(x["id"] for x in weighted_sample(rng, members, [1.0] * len(members), k))
            for s in self.schools:
                s["_sup"][year][key] = s["id"] in chosen

        # programmes
        nro_now = [s for s in self.schools if s["_cluster"] == "ШНРО"]
        nro_prev = [s for s in self.schools if s["_prev"] == "ШНРО"]
        flags("now", "improvement_programme", nro_now, 62)
        flags("prev", "improvement_programme", nro_prev, 55)
        risk_now = [s for s in self.schools if s["_cluster"] == "ШсРНР" and s is not self.disagree]
        risk_prev = [s for s in self.schools if s["_prev"] == "ШсРНР"]
        flags("now", "antirisk_programme", risk_now, 30)
        flags("prev", "antirisk_programme", risk_prev, 20)

        # mentors: all ШНРО this year, 58 of 74 last year
        load = {}
        pool = self.mentor_pool("_cluster")
        for s in self.schools:
            s["_sup"]["now"]["mentor_school"] = self.choose_mentor(s, pool, load) if s["_cluster"] == "ШНРО" else None
        load = {}
        pool = self.mentor_pool("_prev")
        with_mentor = set(x["id"] for x in weighted_sample(rng, nro_prev, [1.0] * len(nro_prev), 58))
        for s in self.schools:
            s["_sup"]["prev"]["mentor_school"] = (self.choose_mentor(s, pool, load)
                                                  if s["id"] in with_mentor else None)

        # deficits: (found, removed) counts, previous year then this year
        weight_cluster = {"ШНРО": 1.8, "ШФНСУ": 1.7, "ШсРНР": 1.2, "ШБУ": 0.8, "ШПУ": 0.3}
        targets = {"material": ((116, 27), (100, 38)), "staff": ((92, 17), (102, 24)), "ict": ((89, 31), (72, 24))}
        for kind, ((fp, rp), (fn, rn)) in targets.items():
            w = [(2.0 if s["locality"] == "сельская" else 1.0) * weight_cluster[s["_prev"]] for s in self.schools]
            found_prev = weighted_sample(rng, self.schools, w, fp)
            removed_prev = weighted_sample(rng, found_prev, [1.0] * fp, rp)
            fp_ids = set(x["id"] for x in found_prev)
            rp_ids = set(x["id"] for x in removed_prev)
            w = [(2.0 if s["locality"] == "сельская" else 1.0) * weight_cluster[s["_cluster"]]
                 * (4.0 if s["id"] in fp_ids and s["id"] not in rp_ids else 1.0) for s in self.schools]
            found_now = weighted_sample(rng, self.schools, w, fn)
            removed_now = weighted_sample(rng, found_now, [1.0] * fn, rn)
            fn_ids = set(x["id"] for x in found_now)
            rn_ids = set(x["id"] for x in removed_now)
            for s in self.schools:
                s["_sup"]["prev"].setdefault("deficits", {})[kind] = {"found": s["id"] in fp_ids, "removed": s["id"] in rp_ids}
                s["_sup"]["now"].setdefault("deficits", {})[kind] = {"found": s["id"] in fn_ids, "removed": s["id"] in rn_ids}

        # prevention system: 236 last year, 274 this year (most keep it)
        wprev = {"ШПУ": 3.0, "ШБУ": 2.0, "ШсРНР": 1.2, "ШФНСУ": 1.0, "ШНРО": 0.9}
        prev_ids = set(x["id"] for x in weighted_sample(rng, self.schools, [wprev[s["_prev"]] for s in self.schools], 236))
        now_ids = set(x["id"] for x in weighted_sample(
            rng, self.schools, [wprev[s["_cluster"]] * (6.0 if s["id"] in prev_ids else 1.0) for s in self.schools], 274))
        for s in self.schools:
            s["_sup"]["prev"]["prevention_system"] = s["id"] in prev_ids
            s["_sup"]["now"]["prevention_system"] = s["id"] in now_ids

        # pupils
        low_r = {"ШПУ": (0.04, 0.08), "ШБУ": (0.07, 0.13), "ШФНСУ": (0.1, 0.18), "ШсРНР": (0.09, 0.16), "ШНРО": (0.12, 0.22)}
        fail_r = {"ШПУ": (0.0, 0.005), "ШБУ": (0.002, 0.015), "ШФНСУ": (0.008, 0.03), "ШсРНР": (0.005, 0.02), "ШНРО": (0.01, 0.04)}
        for s in self.schools:
            for year, cl, route, extra, mentor, more in (
                    ("prev", s["_prev"], (0.12, 0.48), (0.5, 0.95), (0.2, 0.7), 1.08),
                    ("now", s["_cluster"], (0.22, 0.6), (0.6, 1.0), (0.3, 0.85), 1.0)):
                p = s["pupils"]
                low = round(p * rng.uniform(*low_r[cl]) * more)
                failing = round(p * rng.uniform(*fail_r[cl]) * more)
                s["_sup"][year]["pupils"] = {
                    "low_achieving": low,
                    "failing": failing,
                    "individual_route": round((low + failing) * rng.uniform(*route)),
                    "failing_extra_classes": round(failing * rng.uniform(*extra)),
                    "failing_with_mentor": round(failing * rng.uniform(*mentor)),
                }

        # practices
        p_now = {"ШПУ": 0.8, "ШБУ": 0.35, "ШсРНР": 0.15, "ШФНСУ": 0.14, "ШНРО": 0.15}
        p_prev = {"ШПУ": 0.7, "ШБУ": 0.25, "ШсРНР": 0.1, "ШФНСУ": 0.09, "ШНРО": 0.1}
        for s in self.schools:
            for year, cl, pr, bank in (("prev", s["_prev"], p_prev, 0.35), ("now", s["_cluster"], p_now, 0.47)):
                presented = 0
                if rng.random() < pr[cl]:
                    presented = rng.choice([1, 1, 1, 2, 2, 3]) + (1 if cl == "ШПУ" else 0)
                in_bank = sum(1 for _ in range(presented) if rng.random() < bank)
                s["_sup"][year]["practices"] = {"presented": presented, "in_bank": in_bank}

    # -- output --------------------------------------------------------------------------
    def support_obj(self, sup):
        keys = ["improvement_programme", "antirisk_programme", "mentor_school", "deficits",
                "prevention_system", "pupils", "practices"]
        return {k: sup[k] for k in keys}

    def school_obj(self, s):
        o = {"id": s["id"], "name": s["name"], "short_name": s["short_name"], "municipality": s["municipality"],
             "locality": s["locality"], "kind": s["kind"], "pupils": s["pupils"], "isbs": s["isbs"]}
        if "cluster" in s:
            o["cluster"] = s["cluster"]
        o["assessments"] = s["assessments"]
        o["support"] = self.support_obj(s["_sup"]["now"])
        prev = {"cluster": s["_prev"]}
        if "_earlier" in s:
            prev["earlier_clusters"] = s["_earlier"]
        if "_prev_assessments" in s:
            prev["assessments"] = s["_prev_assessments"]
        prev["support"] = self.support_obj(s["_sup"]["prev"])
        o["previous"] = prev
        return o

    def document(self):
        return {
            "region": {"name": "Смоленская область", "genitive": "Смоленской области"},
            "year": 2022,
            "report": {
                "organization": "ГАУ ДПО «Смоленский областной институт развития образования»",
                "organization_short": "ГАУ ДПО СОИРО",
                "basis": "приказ Департамента Смоленской области по образованию и науке от 18.10.2022 № 859-ОД "
                         "«Об утверждении плана мероприятий („дорожной карты“) по организации адресной поддержки "
                         "школ с низкими результатами обучения в Смоленской области в 2022-2023 учебном году»",
                "date": "2022-11-15",
                "compiler": {"position": "Проректор ГАУ ДПО СОИРО", "name": "Н.В. Кравцова"},
            },
            "municipalities": [{"id": m[0], "name": m[1], "genitive": m[2], "kind": m[3]} for m in MUNICIPALITIES],
            "schools": [self.school_obj(s) for s in self.schools],
            "recommendations": RECOMMENDATIONS,
        }

    def designate(self):
        """The school whose given cluster will disagree with the rules: a ШсРНР with 2 markers
        that was ШБУ last year and is still written as ШБУ."""
        cands = [s for s in self.schools if s["_cluster"] == "ШсРНР" and s["_prev"] == "ШБУ"
                 and s["kind"] not in ELITE and s["kind"] != "НОШ" and s["isbs"]["value"] >= -0.49]
        self.disagree = cands[self.rng.randrange(len(cands))]

    def run(self):
        self.build_schools()
        self.assign_clusters()
        self.assign_isbs()
        self.designate()
        self.make_assessments()
        self.specials()
        self.earlier()
        self.support()
        return self.document()


# ---------------------------------------------------------------------------------------
# The Concept's exact readings (rules/concept-2022.json), applied after the schools are
# made, with an RNG of their own so that everything above stays as it was.
EGE_LISTED = ["математика (профильная)", "физика", "химия", "биология", "история", "английский язык",
              "немецкий язык", "обществознание", "литература", "информатика"]


def listed(a):
    """Results the Concept analyses (task 1.1): ВПР and ОГЭ in Russian and mathematics, ЕГЭ
    in profile mathematics and nine electives. ЕГЭ Russian is not among them."""
    if a["procedure"] in ("ВПР", "ОГЭ"):
        return a["subject"] in ("математика", "русский язык")
    return a["subject"] in EGE_LISTED


def is_marker2(a):
    return (not a["objective"] and a["procedure"] == "ВПР") or (is_low(a) and listed(a))


def markers2(assessments):
    return sum(1 for a in assessments if is_marker2(a))


def low_share_expected(assessments, region):
    low = part = expected = 0
    for a in assessments:
        key = (a["procedure"], a["subject"], a["grade"])
        if not listed(a) or key not in region:
            continue
        low += a["low"]
        part += a["participants"]
        expected += a["participants"] * region[key]
    return (low / part, expected / part) if part else (None, None)


def region_shares(lists):
    sums = {}
    for lst in lists:
        for a in lst:
            key = (a["procedure"], a["subject"], a["grade"])
            x = sums.setdefault(key, [0, 0])
            x[0] += a["low"]
            x[1] += a["participants"]
    return {k: v[0] / v[1] for k, v in sums.items() if v[1]}


def cluster_by_concept(s, prev_assessments, region_now, region_before):
    """The rules of rules/concept-2022.json, in their order."""
    m = markers2(s["assessments"])
    if m >= 6:
        return "ШНРО"
    if m >= 1 and s.get("federal_status") == "базово неуспевающие":
        return "ШсРНР"
    if s["isbs"]["value"] < -0.5:
        return "ШФНСУ"
    if m >= 1:
        return "ШсРНР"
    if s["kind"] in ELITE and prev_assessments is not None and markers2(prev_assessments) == 0:
        now, exp_now = low_share_expected(s["assessments"], region_now)
        before, exp_before = low_share_expected(prev_assessments, region_before)
        if now is not None and before is not None and now < exp_now and before < exp_before:
            return "ШПУ"
    return "ШБУ"


def set_marker(a):
    a["low"] = min(a["participants"], max(min_marker_low(a["participants"]), round(0.36 * a["participants"])))
    if a["low"] * 100 == LOW_SHARE * a["participants"] and a["low"] < a["participants"]:
        a["low"] += 1


def clear_marker(a):
    a["objective"] = True
    a["low"] = min(a["low"], max_nonmarker_low(a["participants"]), round(0.08 * a["participants"]))


def spare_results(assessments):
    """Listed results that are no markers and do not count for subject dynamics: ВПР 6 and 7,
    the ЕГЭ electives; ВПР 6 and 7 first."""
    idx = [i for i, a in enumerate(assessments) if listed(a) and not is_marker2(a) and not dynamic(a)]
    return sorted(idx, key=lambda i: (assessments[i]["procedure"] != "ВПР", i))


def refill(assessments, wanted, rng):
    """Markers by the Concept's list as many as the old rules counted: a low ЕГЭ Russian
    result stays low but is no marker, so a spare result is made low instead."""
    missing = wanted - markers2(assessments)
    spare = spare_results(assessments)
    rng.shuffle(spare)
    spare.sort(key=lambda i: assessments[i]["procedure"] != "ВПР")
    # Too few spare results: a Russian or mathematics result of ВПР 4, 5, 8 or ОГЭ then.
    spare += [i for i, a in enumerate(assessments) if listed(a) and not is_marker2(a) and dynamic(a)]
    for i in spare[:max(0, missing)]:
        set_marker(assessments[i])


def results_2020(results_2021, cluster_2020, rng):
    """The results of 2020 of a school that was ШНРО or ШсРНР in 2021, so that 1.2.5 and 2.2.8
    have last year's value: about half of the schools improved in 2021 in Russian and in
    mathematics (2020 was worse), the others did not (2020 was better); the markers agree
    with the 2020 cluster as far as the results allow."""
    improved_2021 = rng.random() < 0.45
    out = []
    for a in results_2021:
        p = max(1, round(a["participants"] * rng.uniform(0.85, 1.15)))
        share = a["low"] / a["participants"]
        if dynamic(a):
            step = rng.uniform(0.04, 0.12)
            share = share + step if improved_2021 else max(0.0, share - step)
        else:
            share = max(0.0, share + rng.uniform(-0.08, 0.08))
        out.append(dict(a, participants=p, low=min(p, round(share * p)), objective=True))
    lo, hi = {"ШНРО": (6, 9), "ШсРНР": (1, 3)}.get(cluster_2020, (0, 0))
    spare = [a for a in out if not dynamic(a)]
    for a in spare:  # markers outside the subject dynamics: as many as the cluster wants
        if markers2(out) > hi and is_marker2(a):
            clear_marker(a)
    for a in spare:
        if markers2(out) < lo and listed(a) and not is_marker2(a):
            set_marker(a)
    return out


def concept_readings(doc, disagree_id):
    rng = random.Random(SEED + 1)
    schools = doc["schools"]
    for s in schools:
        # ЕГЭ Russian is no marker: the counts of the old rules are kept with other results.
        wanted = markers(s["assessments"])
        refill(s["assessments"], wanted, rng)
        assert markers2(s["assessments"]) == wanted, s["id"]
        if "assessments" in s["previous"]:
            refill(s["previous"]["assessments"], markers(s["previous"]["assessments"]), rng)
    now = {s["id"]: cluster_by_rules(s) if markers2(s["assessments"]) == 0 else
           ("ШНРО" if markers2(s["assessments"]) >= 6 else "ШсРНР") for s in schools}
    # A ШПУ must have had stable results: the two ШПУ that were ШсРНР last year swap their
    # previous cluster with a ШсРНР that was ШПУ and with a ШБУ that was ШБУ.
    odd = [s for s in schools if now[s["id"]] == "ШПУ" and s["previous"]["cluster"] != "ШПУ"]
    partners = [s for s in schools if now[s["id"]] == "ШсРНР" and s["previous"]["cluster"] == "ШПУ"] + \
               [s for s in schools if now[s["id"]] == "ШБУ" and s["previous"]["cluster"] == "ШБУ"
                and s["kind"] not in ELITE]
    for s, other in zip(odd, partners):
        s["previous"]["cluster"], other["previous"]["cluster"] = other["previous"]["cluster"], s["previous"]["cluster"]
    # Last year's results for every school, their markers agreeing with last year's cluster.
    for s in schools:
        prev = s["previous"]
        if "assessments" not in prev:
            prev["assessments"] = []
            for a in s["assessments"]:
                p = max(1, round(a["participants"] * rng.uniform(0.85, 1.15)))
                share = max(0.0, min(0.29, a["low"] / a["participants"] + rng.uniform(-0.05, 0.05)))
                b = dict(a, participants=p, low=min(max_nonmarker_low(p), round(share * p)), objective=True)
                prev["assessments"].append(b)
        lst = prev["assessments"]
        lo, hi = {"ШНРО": (6, 9), "ШсРНР": (1, 3)}.get(prev["cluster"], (0, 0))
        m = markers2(lst)
        if m > hi:
            for a in [a for a in lst if is_marker2(a) and not dynamic(a)][:m - hi] or [a for a in lst if is_marker2(a)][:m - hi]:
                clear_marker(a)
        if markers2(lst) < lo:
            want = rng.randint(lo, hi)
            cand = spare_results(lst) + [i for i, a in enumerate(lst) if listed(a) and not is_marker2(a) and dynamic(a)]
            for i in cand[:want - markers2(lst)]:
                set_marker(lst[i])
    # ШФНСУ «единично показывающие низкие результаты»: twelve of them get one marker.
    shfnsu = [s for s in schools if now[s["id"]] == "ШФНСУ" and s["kind"] != "НОШ" and spare_results(s["assessments"])]
    for s in rng.sample(shfnsu, 12):
        set_marker(s["assessments"][spare_results(s["assessments"])[0]])
    # Federal status: every ШсРНР with a low ИСБШ and half of the others are «базово
    # неуспевающие»; 29 ШНРО (the schools of the project «500+») «сильно неуспевающие».
    risk = [s for s in schools if now[s["id"]] == "ШсРНР" and s["id"] != disagree_id]
    for s in risk:
        if s["isbs"]["value"] < -0.5 or rng.random() < 0.5:
            s["federal_status"] = "базово неуспевающие"
    for s in rng.sample([s for s in schools if now[s["id"]] == "ШНРО"], 29):
        s["federal_status"] = "сильно неуспевающие"
    # ШПУ: results below the region's average in both years.
    region_now = region_shares(s["assessments"] for s in schools)
    region_before = region_shares(s["previous"]["assessments"] for s in schools)
    for s in schools:
        if now[s["id"]] == "ШПУ":
            for lst, region in ((s["assessments"], region_now), (s["previous"]["assessments"], region_before)):
                share, expected = low_share_expected(lst, region)
                if share is not None and share >= expected:
                    for a in lst:
                        a["low"] = a["low"] // 3
    # History: last year with its ИСБШ and pupils, the years before with their clusters.
    for s in schools:
        prev = s.pop("previous")
        last = {"year": 2021, "cluster": prev["cluster"],
                "isbs": {"value": round(s["isbs"]["value"] + rng.uniform(-0.04, 0.04), 2)},
                "pupils": max(1, round(s["pupils"] * rng.uniform(0.96, 1.04))),
                "assessments": prev["assessments"], "support": prev["support"]}
        earlier = prev.get("earlier_clusters") or [prev["cluster"]]
        s["history"] = [last] + [{"year": 2020 - i, "cluster": c} for i, c in enumerate(earlier)]
        if prev["cluster"] in ("ШНРО", "ШсРНР"):
            s["history"][1]["assessments"] = results_2020(prev["assessments"], earlier[0], rng)
    doc["report"].pop("basis", None)
    doc["report"]["orders"] = ORDERS
    doc["report"]["executor"] = {"name": "Смирнова Ольга Викторовна", "phone": "8 (4812) 00-00-00"}
    doc["recommendations"] = RECOMMENDATIONS2
    keys = list(doc["report"])
    doc["report"] = {k: doc["report"][k] for k in ["organization", "organization_short", "orders", "date", "compiler",
                                                    "executor"] if k in keys}
    for s in schools:
        order = ["id", "name", "short_name", "municipality", "locality", "kind", "pupils", "isbs", "cluster",
                 "federal_status", "assessments", "support", "history"]
        s_sorted = {k: s[k] for k in order if k in s}
        s.clear()
        s.update(s_sorted)
    return doc


ORDERS = [
    {"issuer": "Департамента Смоленской области по образованию и науке", "date": "2022-06-08", "number": "548-ОД",
     "title": "Об утверждении Концепции комплексного сопровождения школ с низкими результатами обучения и/или школ, "
              "функционирующих в неблагоприятных социальных условиях в Смоленской области",
     "role": "Концепция"},
    {"issuer": "Департамента Смоленской области по образованию и науке", "date": "2022-10-18", "number": "859-ОД",
     "title": "Об утверждении плана мероприятий («дорожной карты») по организации адресной поддержки школ с низкими "
              "результатами обучения в Смоленской области в 2022–2023 учебном году",
     "role": "дорожная карта"},
]


def rec(id_, when, text):
    return {"id": id_, "when": when, "text": text}


SHNRO = "school.cluster.code == 'ШНРО'"
RISK = "school.cluster.code == 'ШсРНР'"
M_SCHOOLS = "municipality.schools | pick(schools)"
M_SHNRO = "municipality.cluster_schools['ШНРО'] | pick(schools)"
M_RISK = "municipality.cluster_schools['ШсРНР'] | pick(schools)"
M_SHFNSU = "municipality.cluster_schools['ШФНСУ'] | pick(schools)"
R_SHNRO = "region.cluster_schools['ШНРО'] | pick(schools)"
R_RISK = "region.cluster_schools['ШсРНР'] | pick(schools)"

# Each recommendation is printed only where its condition, on facts the document states, holds.
RECOMMENDATIONS2 = {
    "school": [
        rec("programme-develop", SHNRO + " and school.support.improvement_programme == false",
            "Разработать и утвердить программу повышения образовательных результатов с учетом выявленных маркеров низких результатов обучения."),
        rec("programme-review", SHNRO + " and school.support.improvement_programme == true",
            "Рассматривать ход реализации программы повышения образовательных результатов на заседаниях коллегиальных органов школы (II квартал 2023 года)."),
        rec("diagnostics", SHNRO,
            "Провести диагностику причин низких образовательных результатов и профессиональных дефицитов педагогических работников, реализовать индивидуальные образовательные маршруты педагогов на базе ЦНППМ."),
        rec("mentor-work", SHNRO + " and school.mentor != null",
            "Организовать взаимодействие со школой-наставником: согласовать план совместной работы, взаимопосещение уроков, консультации для педагогов."),
        rec("mentor-request", SHNRO + " and school.mentor == null",
            "Совместно с органом местного самоуправления, осуществляющим управление в сфере образования, определить школу-наставника из числа школ, устойчиво демонстрирующих высокое качество образования."),
        rec("mentor-level", "school.mentor.lower_level == true",
            "Рассмотреть закрепление школы-наставника, реализующей образовательные программы того же или более высокого уровня, чем школа."),
        rec("events", SHNRO,
            "Обеспечить участие управленческой команды и педагогов в мероприятиях регионального уровня: «Методический десант», семинары-практикумы, стажировки."),
        rec("antirisk-develop", RISK + " and school.support.antirisk_programme != true",
            "Разработать и утвердить антирисковую программу (программу по преодолению рисков снижения образовательных результатов) на 2022–2023 учебный год."),
        rec("antirisk-review", RISK + " and school.support.antirisk_programme == true",
            "Рассмотреть ход реализации антирисковой программы на заседаниях коллегиальных органов школы (I и II кварталы 2023 года)."),
        rec("risk-profile", "school.markers > 0 and school.cluster.code != 'ШНРО'",
            "Провести анализ рисков по предметам и классам, в которых выявлены маркеры низких результатов, и составить рисковый профиль школы."),
        rec("teacher-mentoring", RISK,
            "Реализовать программу наставничества по модели «учитель – учитель» для педагогов-предметников, обучающиеся которых показали низкие результаты."),
        rec("objectivity", "school.unobjective_markers > 0",
            "Обеспечить объективность проведения и проверки всероссийских проверочных работ: независимое наблюдение, перекрестная проверка работ."),
        rec("deficit-material", "school.support.deficits.material.found == true and school.support.deficits.material.removed == false",
            "Спланировать совместно с учредителем устранение материально-технического дефицита; до его устранения использовать ресурсы центров «Точка роста» и сетевых соглашений."),
        rec("deficit-staff", "school.support.deficits.staff.found == true and school.support.deficits.staff.removed == false",
            "Для устранения кадрового дефицита обеспечить участие педагогов в повышении квалификации по программам из федерального реестра ДПП и привлечение педагогов по сетевым соглашениям."),
        rec("deficit-ict", "school.support.deficits.ict.found == true and school.support.deficits.ict.removed == false",
            "Спланировать устранение информационно-коммуникационного дефицита: обновление компьютерного оборудования и скоростной доступ к сети Интернет."),
        rec("psychology", "school.cluster.code == 'ШФНСУ'",
            "Организовать психолого-педагогическое сопровождение обучающихся и консультирование родителей по проблемам учебной неуспешности."),
        rec("community", "school.cluster.code == 'ШФНСУ' or " + SHNRO,
            "Вовлечь органы государственно-общественного управления и родительскую общественность в решение вопросов повышения качества образования."),
        rec("prevention-build", "school.support.prevention_system == false",
            "Сформировать внутришкольную систему профилактики учебной неуспешности и закрепить ее локальными нормативными актами."),
        rec("routes", "school.support.pupils.individual_route < school.support.pupils.low_achieving + school.support.pupils.failing",
            "Разработать индивидуальные образовательные маршруты для всех слабоуспевающих и неуспевающих обучающихся."),
        rec("extra-classes", "school.support.pupils.failing_extra_classes < school.support.pupils.failing",
            "Организовать дополнительные занятия для всех неуспевающих обучающихся с целью ликвидации задолженностей."),
        rec("pupil-mentors", "school.support.pupils.failing_with_mentor < school.support.pupils.failing",
            "Закрепить наставника или тьютора за каждым неуспевающим обучающимся."),
        rec("mentee-plan", "(school.mentees | length) > 0",
            "Разработать с закрепленными школами совместный план взаимодействия: стажировки, взаимопосещение уроков, консультации."),
        rec("practices", "(school.cluster.code == 'ШПУ' or school.cluster.code == 'ШБУ') and school.support.practices.presented == 0",
            "Обобщить эффективные управленческие и педагогические практики профилактики учебной неуспешности и представить их на региональном уровне."),
        rec("stable-results", "school.cluster.code == 'ШПУ'",
            "Обеспечивать стабильность высоких образовательных результатов и объективность оценивания, участвовать в перекрестной проверке всероссийских проверочных работ."),
    ],
    "municipality": [
        rec("m-mentors", "(" + M_SHNRO + " | where('mentor', null) | length) > 0",
            "Закрепить школы-наставники за ШНРО, у которых их нет (раздел 3 справки)."),
        rec("m-mentor-level", "(" + M_SHNRO + " | where('mentor.lower_level', true) | length) > 0",
            "Пересмотреть закрепление школ-наставников, реализующих образовательные программы более низкого уровня, чем наставляемые школы."),
        rec("m-programmes", "(" + M_SHNRO + " | where('support.improvement_programme', false) | length) > 0",
            "Обеспечить разработку программ повышения образовательных результатов в ШНРО, где их нет."),
        rec("m-programme-control", "municipality.cluster_counts['ШНРО'] > 0",
            "Обеспечить контроль реализации программ повышения образовательных результатов в ШНРО – ежеквартально."),
        rec("m-antirisk", "(" + M_RISK + " | where('support.antirisk_programme', '!=', true) | length) > 0",
            "Обеспечить разработку и утверждение антирисковых программ в ШсРНР, где их нет, до конца 2022 года."),
        rec("m-plan-shnro", "municipality.cluster_counts['ШНРО'] > 0",
            "Муниципальному образовательному центру включить ШНРО в план адресного методического сопровождения на 2022–2023 учебный год."),
        rec("m-plan-risk", "municipality.cluster_counts['ШсРНР'] > 0",
            "Муниципальному образовательному центру включить ШсРНР в план профилактического методического сопровождения на 2022–2023 учебный год."),
        rec("m-shfnsu-deficits", "(" + M_SHFNSU + " | where('open_deficits', '!=', null) | length) > 0",
            "Совместно с руководителями ШФНСУ спланировать устранение ресурсных дефицитов, названных в разделе 3 справки."),
        rec("m-prevention", "(" + M_SCHOOLS + " | where('support.prevention_system', false) | length) > 0",
            "Обеспечить формирование внутришкольной системы профилактики учебной неуспешности в школах, где ее нет."),
        rec("m-practices", "(" + M_SCHOOLS + " | where('support.practices.presented', '>', 0) | length) == 0",
            "Организовать выявление эффективных практик профилактики учебной неуспешности в школах муниципалитета и их представление на региональном уровне."),
    ],
    "region": [
        rec("r-mentors", "(" + R_SHNRO + " | where('mentor', null) | length) > 0",
            "Обеспечить закрепление школ-наставников за всеми ШНРО (дорожная карта, пункт 14)."),
        rec("r-mentor-level", "(" + R_SHNRO + " | where('mentor.lower_level', true) | length) > 0",
            "Рекомендовать органам местного самоуправления пересмотреть закрепление школ-наставников более низкого уровня образования, чем наставляемые школы."),
        rec("r-antirisk", "(" + R_RISK + " | where('support.antirisk_programme', '!=', true) | length) > 0",
            "Обеспечить разработку антирисковых программ во всех ШсРНР при сопровождении ЦНППМ и МОЦ."),
        rec("r-negative", "(region.indicators | where('score', 0) | length) > 0",
            "Проанализировать причины отсутствия положительной динамики показателей, названных в выводах, и учесть их при актуализации дорожной карты на 2023–2024 учебный год."),
        rec("r-data", "(region.indicators | where('computable', false) | length) > 0",
            "Включить в регламент сбора данных мониторинга сведения, без которых показатели не рассчитаны."),
        rec("r-shfnsu", "region.cluster_counts['ШФНСУ'] > 0",
            "Включить ШФНСУ в региональный план мероприятий адресной методической помощи наряду с ШНРО (дорожная карта, пункт 10)."),
    ],
}


# ---------------------------------------------------------------------------------------
COMPACT = {"isbs", "deficits", "pupils", "practices"}
SEPARATORS = (",", ":")


def dumps(doc):
    """indent=1, but every assessment, every small leaf object and every list of earlier
    clusters on one line (the placeholders are strings json.dumps escapes as \\u0000)."""
    tokens = []

    def mark(x, key=None):
        if isinstance(x, dict):
            if key in COMPACT or (key is None and ("procedure" in x or set(x) == {"year", "cluster"})):
                tokens.append(json.dumps(x, ensure_ascii=False, separators=SEPARATORS))
                return f"\x00{len(tokens) - 1}\x00"
            return {k: mark(v, k) for k, v in x.items()}
        if isinstance(x, list):
            return [mark(v) for v in x]
        return x

    text = json.dumps(mark(doc), ensure_ascii=False, indent=1)
    out = []
    for i, part in enumerate(text.split('"\\u0000')):
        if i == 0:
            out.append(part)
            continue
        num, rest = part.split('\\u0000"', 1)
        out.append(tokens[int(num)] + rest)
    return "".join(out) + "\n"


def check(path):
    """Re-read the written file and print the figures it must reproduce."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    schools = doc["schools"]
    for s in schools:  # the year before as the checks below read it
        last = s["history"][0]
        s["previous"] = dict(last, earlier_clusters=[h["cluster"] for h in s["history"][1:]])
    region_now = region_shares(s["assessments"] for s in schools)
    region_before = region_shares(s["previous"]["assessments"] for s in schools)

    def cluster_by_rules(s):
        return cluster_by_concept(s, s["previous"]["assessments"], region_now, region_before)
    by_rules = {c: 0 for c in CLUSTERS}
    effective = {c: 0 for c in CLUSTERS}
    prev = {c: 0 for c in CLUSTERS}
    for s in schools:
        c = cluster_by_rules(s)
        by_rules[c] += 1
        effective[s.get("cluster", c)] += 1
        prev[s["previous"]["cluster"]] += 1
        lv = isbs_level(s["isbs"]["value"])
        assert lv == s["isbs"]["level"], s["id"]
    ids = [s["id"] for s in schools]
    assert len(set(ids)) == len(ids) == 342
    print("clusters by the rules:      ", " ".join(f"{c} {by_rules[c]}" for c in CLUSTERS))
    print("clusters with given ones:   ", " ".join(f"{c} {effective[c]}" for c in CLUSTERS))
    print("previous year (2021):       ", " ".join(f"{c} {prev[c]}" for c in CLUSTERS))
    assert by_rules == TARGET, by_rules
    assert prev == TARGET_PREV, prev
    pupils = {}
    for s in schools:
        pupils[s["municipality"]] = pupils.get(s["municipality"], 0) + s["pupils"]
    print("pupils: Смоленск", pupils["smolensk"], " Глинковский район", pupils["glinka"],
          " region", sum(pupils.values()))
    assert pupils["smolensk"] == 34664 and pupils["glinka"] == 322
    rural = [s for s in schools if s["locality"] == "сельская"]
    share_s = len(rural) / len(schools) * 100
    share_p = sum(s["pupils"] for s in rural) / sum(pupils.values()) * 100
    print(f"rural: {len(rural)} of {len(schools)} schools ({share_s:.1f} %), "
          f"{share_p:.1f} % of pupils")
    group = [s for s in schools if cluster_by_rules(s) in ("ШНРО", "ШФНСУ")]
    print(f"rural among ШНРО and ШФНСУ: {sum(1 for s in group if s['locality'] == 'сельская')} of {len(group)}")
    n_ass = sum(len(s["assessments"]) for s in schools)
    n_prev = sum(len(s["previous"].get("assessments", [])) for s in schools)
    print("federal status:", {v: sum(1 for s in schools if s.get("federal_status") == v)
                              for v in ("базово неуспевающие", "сильно неуспевающие")},
          "; ШФНСУ with markers:", sum(1 for s in schools if cluster_by_rules(s) == "ШФНСУ" and markers2(s["assessments"])))
    every = [a for s in schools for a in s["assessments"]]
    exact = sum(1 for a in every if a["low"] * 100 == LOW_SHARE * a["participants"])
    unobj = [a for a in every if not a["objective"]]
    print(f"assessments: {n_ass} this year, {n_prev} previous year; exactly 30 %: {exact}; "
          f"objective false: {len(unobj)} (of them also >= 30 %: {sum(1 for a in unobj if is_low(a))})")
    for c in ("ШНРО", "ШсРНР"):
        group = [s for s in schools if cluster_by_rules(s) == c]
        up = sum(1 for s in group if improved(s["assessments"], s["previous"]["assessments"]))
        print(f"{c}: {up} of {len(group)} lowered the share of low results in Russian and in mathematics")
    nro = [s for s in schools if cluster_by_rules(s) == "ШНРО"]
    nro_prev = [s for s in schools if s["previous"]["cluster"] == "ШНРО"]
    again = sum(1 for s in nro if s["previous"]["cluster"] == "ШНРО")
    again_prev = sum(1 for s in nro_prev if s["previous"].get("earlier_clusters", [None])[0] == "ШНРО")
    print(f"ШНРО again: {again} of {len(nro)} (2021: {again_prev} of {len(nro_prev)})")

    def facts(year, sel, key):
        sup = (lambda s: s["support"]) if year == "now" else (lambda s: s["previous"]["support"])
        return sum(1 for s in sel if key(sup(s)))
    rows = [
        ("ШНРО with an improvement programme", lambda s: s["improvement_programme"], "ШНРО"),
        ("ШНРО with a mentor school", lambda s: s["mentor_school"] is not None, "ШНРО"),
        ("ШсРНР with an anti-risk programme", lambda s: s["antirisk_programme"], "ШсРНР"),
    ]
    for label, key, c in rows:
        now = [s for s in schools if cluster_by_rules(s) == c]
        before = [s for s in schools if s["previous"]["cluster"] == c]
        print(f"{label}: {facts('now', now, key)} of {len(now)} (2021: {facts('prev', before, key)} of {len(before)})")
    for label, key in (
            ("material deficit found / removed", lambda s: s["deficits"]["material"]),
            ("staff deficit found / removed", lambda s: s["deficits"]["staff"]),
            ("ICT deficit found / removed", lambda s: s["deficits"]["ict"])):
        f1 = facts("now", schools, lambda s: key(s)["found"])
        r1 = facts("now", schools, lambda s: key(s)["removed"])
        f0 = facts("prev", schools, lambda s: key(s)["found"])
        r0 = facts("prev", schools, lambda s: key(s)["removed"])
        print(f"{label}: {f1} / {r1} (2021: {f0} / {r0})")
    print(f"prevention system: {facts('now', schools, lambda s: s['prevention_system'])} "
          f"(2021: {facts('prev', schools, lambda s: s['prevention_system'])})")
    for year in ("now", "prev"):
        sup = [s["support"] if year == "now" else s["previous"]["support"] for s in schools]
        p = {k: sum(x["pupils"][k] for x in sup) for k in sup[0]["pupils"]}
        pr = sum(x["practices"]["presented"] for x in sup)
        bank = sum(x["practices"]["in_bank"] for x in sup)
        schools_pr = sum(1 for x in sup if x["practices"]["presented"])
        print(f"{'2022' if year == 'now' else '2021'}: route {p['individual_route']} of "
              f"{p['low_achieving'] + p['failing']} low-achieving+failing, extra classes {p['failing_extra_classes']} "
              f"and mentor {p['failing_with_mentor']} of {p['failing']} failing; practices {pr} from "
              f"{schools_pr} schools, {bank} in the bank")
    print(f"file: {path.name}, {path.stat().st_size} bytes")


def main():
    gen = Generator()
    doc = concept_readings(gen.run(), gen.disagree["id"])
    OUT.write_text(dumps(doc), encoding="utf-8")
    check(OUT)
    n = gen.notes
    print("special schools:")
    for s in n["given"]:
        print(f"  given cluster (agrees):   {s['id']} {s['cluster']:6} {s['name']}")
    d = n["disagree"]
    print(f"  given cluster (disagrees): {d['id']} given {d['cluster']}, "
          f"({markers(d['assessments'])} markers) {d['name']}")
    for s in n["boundary"]:
        print(f"  ИСБШ on a boundary:       {s['id']} {s['isbs']['value']:+.2f} {s['isbs']['level']}, "
              f"{cluster_by_rules(s)} {s['name']}")
    for s, i in n["exact30"]:
        a = s["assessments"][i]
        print(f"  exactly 30 % marker:      {s['id']} {a['procedure']} {a['subject']} {a['grade']}: "
              f"{a['low']} of {a['participants']}; {markers(s['assessments'])} markers, {cluster_by_rules(s)}")
    s, i = n["both"]
    a = s["assessments"][i]
    print(f"  low and unobjective:      {s['id']} {a['procedure']} {a['subject']} {a['grade']}: "
          f"{a['low']} of {a['participants']}, objective false; {markers(s['assessments'])} markers, "
          f"{cluster_by_rules(s)}")
    for s in n["same_name"]:
        print(f"  same name:                {s['id']} {s['municipality']} {s['name']}")


if __name__ == "__main__":
    main()
