"""The English pipeline: each rule family on invented sentences, the seeds' fixtures, and model loading.

Sentences are invented in the register of People's Daily translations, not copied from the seeds, so
the rules are checked for what they generalise to.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor import ExtractionResult, Extractor, LanguageExtraction, ModelNotAvailableError, read_article
from extractor.assemble import assemble
from extractor.english import EnglishPipeline, pinyin
from extractor.english import pipeline as english_pipeline
from extractor.english.headlines import headline_ranges
from extractor.evaluate import load_fixtures, score_mentions
from tests.conftest import ROOT, SEEDS

FIXTURES = ROOT / "fixtures"
MIN_SCORE = 0.90


@pytest.fixture(scope="session")
def english(extractor: Extractor) -> EnglishPipeline:
    pipeline = extractor.language("en")
    assert isinstance(pipeline, EnglishPipeline)
    return pipeline


@pytest.fixture(scope="session")
def english_seed_results(extractor: Extractor) -> list[ExtractionResult]:
    """The seeds with their English side only, so these tests do not depend on the Chinese pipeline."""
    articles = [read_article(path).model_copy(update={"zh": None}) for path in SEEDS]
    return [item for item in extractor.extract_many(articles) if isinstance(item, ExtractionResult)]


def extract(english: EnglishPipeline, text: str) -> LanguageExtraction:
    return assemble("en", text, english.find(text))


def texts(result: LanguageExtraction, kind: str) -> list[str]:
    return [mention.text for mention in result.mentions if mention.type == kind]


# --- people -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Wang Jinxi, the leader of the drilling team, spoke first.", ["Wang Jinxi"]),
        ("The workers of Ma Hengchang's group overfulfilled the plan.", ["Ma Hengchang"]),  # possessive
        ("Zhang Xiulan’s team and Li Fuquan's team competed.", ["Zhang Xiulan", "Li Fuquan"]),
        ("He Long inspected the troops, and He Xiangning wrote a letter.", ["He Long", "He Xiangning"]),
        ("Xinhua News Agency reporter Gao Jianguo took a photo of the site.", ["Gao Jianguo"]),  # photo credit
        ("(Xinhua News Agency reporter Zhou Ming)", ["Zhou Ming"]),
        ("Work in the Fields Hua Junwu Illustration", ["Hua Junwu"]),  # illustration credit
        ("Spring Sowing\nOuyang Hai, Sima Lu\n\nThe commune began sowing.", ["Ouyang Hai", "Sima Lu"]),  # byline
        ("Later, Premier Zhou Enlai received the delegation.", ["Zhou Enlai"]),
    ],
)
def test_people(english: EnglishPipeline, text: str, people: list[str]) -> None:
    assert texts(extract(english, text), "person") == people


@pytest.mark.parametrize(
    "text",
    [
        "The workers of the Xin Hua Printing Factory finished early.",  # a name inside a unit is not a person
        "Long March Spirit Lives On in the Mines",
        "They said the plan was good, and he went to the site.",
    ],
)
def test_no_people(english: EnglishPipeline, text: str) -> None:
    assert texts(extract(english, text), "person") == []


@pytest.mark.parametrize(
    ("text", "units", "places"),
    [
        # an industry word ends it, and no full name confirms a unit: neither person nor unit
        ("The report praised Tang Steel for its output.", [], []),
        # one pinyin word longer than a given name is a village, found again where it is repeated
        ("The cadres went to Lijiacun twice, and Lijiacun's harvest doubled.", [], ["Lijiacun", "Lijiacun"]),
        # invented: a one-word pinyin name that is no surname, read as a person, is a place; a compass
        # word before a province names a region
        ("Salt from Zunhua and Huaiyin reached central Shanxi.", [], ["Zunhua", "Huaiyin", "central Shanxi"]),
        ("In the Guangxu period he studied in Japan.", [], ["Japan"]),  # a reign: neither person nor place
        # "the Border Region" is a common noun of the 1940s; a hyphenated border region's name is a place
        ("Trade within the Border Region and the Jin-Cha-Ji Border Region grew.", [], ["Jin-Cha-Ji Border Region"]),
    ],
)
def test_names_that_are_no_people(english: EnglishPipeline, text: str, units: list[str], places: list[str]) -> None:
    result = extract(english, text)
    assert texts(result, "person") == []
    assert texts(result, "unit") == units
    assert texts(result, "place") == places


# --- Title Case headlines ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Going Deep Is Not Enough\n\nThe cadres went to the factories.", ["Going Deep"]),
        ("Dividing the Work and Fixing Responsibility\n\nThe plan was made.", ["Dividing"]),
        ("Cadres Comprehensively Grasp Teams and Groups\n\nThe mine did well.", ["Comprehensively Grasp Teams"]),
        ("Secretaries Go to the Front Lines\n\nOutput rose.", ["the Front Lines", "Front Lines"]),
        ("Workers Praise the New Method\n\nThe workers spoke.", ["Workers Praise", "New Method"]),
    ],
)
def test_headlines_produce_no_junk(english: EnglishPipeline, text: str, junk: list[str]) -> None:
    found = {mention.text for mention in extract(english, text).mentions}
    assert not found & set(junk)
    headline_end = text.index("\n")
    assert all(m.start >= headline_end for m in extract(english, text).mentions if m.type in ("person", "unit"))


def test_headline_keeps_what_rules_confirm(english: EnglishPipeline) -> None:
    text = "Workers Praise Anshan Iron and Steel Company\nLiu Shaoqi Visits Tianjin\n\nThe plan was completed."
    result = extract(english, text)
    assert texts(result, "unit") == ["Anshan Iron and Steel Company"]
    assert texts(result, "person") == ["Liu Shaoqi"]
    assert texts(result, "place") == ["Tianjin"]


def test_headline_ranges() -> None:
    text = "Big Leap in Steel\nCadres go deep\n\nThe plant grew.\n\n\tDividing Into Areas\n\nIt ended (Photo)"
    lines = [text[start:end].strip() for start, end in headline_ranges(text)]
    assert lines == ["Big Leap in Steel", "Cadres go deep", "Dividing Into Areas"]


# --- roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "role", "holder"),
    [
        (
            "Zhao Lianfu, the director of the Harbin Bearing Factory, said so.",
            "director",
            "Zhao Lianfu",
        ),
        (
            "Sun Deshan, deputy secretary of the county Party committee, went down.",
            "deputy secretary of the county Party committee",
            "Sun Deshan",
        ),
        (
            "Li Xiuying (left), a member of the commune Party committee, and a worker.",
            "member of the commune Party committee",
            "Li Xiuying",
        ),
        ("Then Vice-Chairman Dong Biwu spoke.", "Vice-Chairman", "Dong Biwu"),
        # invented: words of renown skipped; a list closed by "and others" takes the title after it
        ("Mr. Liu Hua, now 62, is a noted ceramics expert.", "ceramics expert", "Liu Hua"),
        (
            "Wang Lin and Sun Ping and others, shareholders of the company, came.",
            "shareholders of the company",
            "Sun Ping",
        ),
        # invented: a plural title given to the last of several names
        (
            "They elected Meng Fu and Yuan Beixing as committee members, and work went on.",
            "committee members",
            "Yuan Beixing",
        ),
        # invented: a title addressing a surname; positions the English side lists since (magistrate)
        ("As soon as the flood came, County Magistrate Wu of Xingtai went out.", "County Magistrate", "Wu"),
        ("The Party branch promoted Youth League member Wang Hua.", "Youth League member", "Wang Hua"),
        ("Shenyang Daily reporter Jiang Tao wrote it.", "Shenyang Daily reporter", "Jiang Tao"),
        ("The factory's Party branch secretary, Huang Jiguang, led them.", "Party branch secretary", "Huang Jiguang"),
        (
            "The bureau sent Zhang Wenhua to be the director of the coking plant.",
            "director of the coking plant",
            "Zhang Wenhua",
        ),
        ("They chose Liu Guiying as team leader, and work went on.", "team leader", "Liu Guiying"),
        (
            "Yang Shangkun, Secretary of the Hebei Provincial Committee of the CCP, spoke.",
            "Secretary",
            "Yang Shangkun",
        ),
    ],
)
def test_roles_are_linked_to_their_person(english: EnglishPipeline, text: str, role: str, holder: str) -> None:
    result = extract(english, text)
    assert [(r.title, r.person) for r in result.roles] == [(role, holder)]
    [person] = [p for p in result.people if p.name == holder]
    assert person.roles == [role]


@pytest.mark.parametrize(
    "text",
    [
        "Wang Hua, the director said, would come.",  # a verb: not an apposition
        "The construction site director went with Chen Ming to the site.",  # unattached title
        "Three Party committee secretaries met Chen Ming.",
        "Li Ming, a tunneling worker, spoke.",  # not a title
        "Wang Ying, a member of a miner's family, spoke.",  # kinship, not a position
    ],
)
def test_no_roles(english: EnglishPipeline, text: str) -> None:
    assert extract(english, text).roles == []


def test_apposition_opened_by_who_is(english: EnglishPipeline) -> None:
    result = extract(english, "Li Ming, who is the director of the Harbin Bearing Factory, spoke.")
    assert [(r.title, r.person) for r in result.roles] == [("director", "Li Ming")]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # invented: the unit a title is held in is the role's unit, not part of its title
        ("Zhao Lianfu, the director of the Harbin Bearing Factory, said so.", ("director", "Harbin Bearing Factory")),
        (
            "Wang Lin and others, shareholders of the former Zhongyuan Company, came.",
            ("shareholders", "Zhongyuan Company"),
        ),
        (  # a definite reference to a unit named before
            "The Building Department of the government met. Liu Hua, deputy head of the department, spoke.",
            ("deputy head", "Building Department"),
        ),
        (  # organs written with the title make one title: no unit named
            "Shi Lin, secretary of the mine's Party committee, spoke.",
            ("secretary of the mine's Party committee", None),
        ),
        ("Gao Ming, chairman of the board, spoke.", ("chairman of the board", None)),
    ],
)
def test_a_title_is_held_in_the_unit_written_after_it(
    english: EnglishPipeline, text: str, role: tuple[str, str | None]
) -> None:
    assert [(r.title, r.unit) for r in extract(english, text).roles] == [role]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # invented: a title given to "he" is the person's named last before it in the paragraph
        (
            "Mr. Zhao Lin, now 60, is a noted textile expert. In 1920 he served as director of the Tianjin Mill.",
            [("textile expert", "Zhao Lin", None), ("director", "Zhao Lin", "Tianjin Mill")],
        ),
        ("Zhao Lin spoke.\n\nHe was elected team leader.", []),  # not across a paragraph
    ],
)
def test_a_title_given_to_a_pronoun(
    english: EnglishPipeline, text: str, roles: list[tuple[str, str, str | None]]
) -> None:
    assert [(r.title, r.person, r.unit) for r in extract(english, text).roles] == roles


def test_a_unit_in_a_title_is_the_persons_unit(english: EnglishPipeline) -> None:
    text = "Photo by Xinhua News Agency reporter Qi Guanshan of Zhao Lin, the head of the Third Workshop."
    people = {person.name: person.unit for person in extract(english, text).people}
    assert people == {"Qi Guanshan": "Xinhua News Agency", "Zhao Lin": "Third Workshop"}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (  # "No." does not end the title, nor does the "and" inside a unit's name
            'Zhou Hai, director of the No. 3 Machine Works, said: "Costs fell."',
            [("director", "Zhou Hai")],
        ),
        (
            "Li Ming, director of the Anshan Iron and Steel Company, spoke.",
            [("director", "Li Ming")],
        ),
        (  # a second title joined by "and" in the same apposition
            "Xu Fang, deputy head of the Tianjin Cotton Mill and a Communist Party member, spoke.",
            [("deputy head", "Xu Fang"), ("Communist Party member", "Xu Fang")],
        ),
        (  # title families: two-word honorary titles, professions
            "Tang Lin, a first-class combat hero, and labor model Hu Ying spoke.",
            [("first-class combat hero", "Tang Lin"), ("labor model", "Hu Ying")],
        ),
        (
            "Chief agronomist Lu Bin and assistant engineer Fang Qiu tested the seeds.",
            [("Chief agronomist", "Lu Bin"), ("assistant engineer", "Fang Qiu")],
        ),
        # titles given later in the clause
        ("Gao Ming was elected brigade leader at the meeting.", [("brigade leader", "Gao Ming")]),
        (
            "Sun Yu serves as deputy director of the Harbin Bearing Factory.",
            [("deputy director", "Sun Yu")],
        ),
        (
            "Deng Hua, a Youth League member from Wuhan, served as captain of the boat team when the dam was built.",
            [("Youth League member", "Deng Hua"), ("captain of the boat team", "Deng Hua")],
        ),
        (
            "Ye Qing, head of the Second Workshop, is a national model worker.",
            [("head", "Ye Qing"), ("national model worker", "Ye Qing")],
        ),
        ("The commune members elected Pan Li team leader.", [("team leader", "Pan Li")]),
        ("Li Ming was transferred to be the group leader.", [("group leader", "Li Ming")]),
        (
            "Wang Lin, who was elected deputy director of the plant last year, spoke.",
            [("deputy director of the plant", "Wang Lin")],
        ),
        # the title goes to whoever the clause is about
        ("Li Ming said that Wang Hua was elected team leader.", [("team leader", "Wang Hua")]),
    ],
)
def test_more_ways_to_give_a_title(english: EnglishPipeline, text: str, roles: list[tuple[str, str]]) -> None:
    assert [(r.title, r.person) for r in extract(english, text).roles] == roles


@pytest.mark.parametrize(
    "text",
    [
        "Li Ming's brother is a team leader.",  # the brother's title
        "Li Ming, whose son is a team leader, spoke.",
        "Liu Fang is a good leader.",  # a description, not a title
        "Taking Li Ming as an example, the cadres went down to the pits.",
        "A worker named Li Ming said the output rose.",
    ],
)
def test_no_title_given_later(english: EnglishPipeline, text: str) -> None:
    assert extract(english, text).roles == []


def test_no_is_one_token_only_before_a_number(english: EnglishPipeline) -> None:
    tokens = [token.text for token in english.nlp("The No. 4 well opened. He said No. Then he left.")]
    assert tokens[:3] == ["The", "No.", "4"]
    assert tokens[tokens.index("said") + 1 : tokens.index("said") + 3] == ["No", "."]


def test_two_roles_for_one_person(english: EnglishPipeline) -> None:
    result = extract(english, "The branch moved Party member Li Zhiqiang to be the group leader.")
    [person] = result.people
    assert person.name == "Li Zhiqiang" and person.roles == ["Party member", "group leader"]


# --- units and places ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "units", "places"),
    [
        (
            "The Anshan Iron and Steel Company and Benxi Coal Mine finished.",
            ["Anshan Iron and Steel Company", "Benxi Coal Mine"],
            [],
        ),
        (
            "Workers of the 1205 drilling team of Daqing Oilfield drilled on.",
            ["1205 drilling team", "Daqing Oilfield"],
            [],
        ),
        (
            "The No. 3 blast furnace of the Shijiazhuang No. 2 Cotton Mill was rebuilt.",
            ["No. 3 blast furnace", "Shijiazhuang No. 2 Cotton Mill"],
            [],
        ),
        ("Cadres went down the fifth pit and the Third Workshop.", ["fifth pit", "Third Workshop"], []),
        (
            "The Tangshan Kailuan Coal Mine in Hebei Province won.",
            ["Kailuan Coal Mine"],
            ["Tangshan", "Hebei Province"],
        ),
        ("The Hongqi Commune of Xushui County built furnaces.", ["Hongqi Commune"], ["Xushui County"]),
        (
            "The Beijing Municipal Party Committee Propaganda Department issued it.",
            ["Beijing Municipal Party Committee Propaganda Department"],
            [],
        ),
        (
            "The Wuhan Municipal Committee of the Communist Party of China met.",
            ["Wuhan Municipal Committee of the Communist Party of China"],
            [],
        ),
        ("It was reported by the People's Daily and Xinhua News Agency.", ["People's Daily", "Xinhua News Agency"], []),
        (
            "They learned from 708 and caught up with 708; the 708 tunneling team led.",
            ["708", "708", "708 tunneling team"],
            [],
        ),
        ("Guangzhou and Changsha sent delegates to Yan'an.", [], ["Guangzhou", "Changsha", "Yan'an"]),
        # invented: an owner's nationality cut, three-part hyphenated names, a possessive inside a name,
        # heads of the 1940s (Union, Section, Salt Field)
        (
            "The British Fu Company left. The Jin-Cha-Ji Border Region Government and the Linxi Workers' Union"
            " lent money to the Huainan Salt Field.",
            ["Fu Company", "Jin-Cha-Ji Border Region Government", "Linxi Workers' Union", "Huainan Salt Field"],
            [],
        ),
        # invented: a works in lower case after its romanised name, with its trade noun; none without one
        (
            "Loans went to the Kailuan coal mines and the Zigong salt field; the Tangshan mines were idle.",
            ["Kailuan coal mines", "Zigong salt field"],
            ["Tangshan"],
        ),
        (  # a province's or city's works in the plural are its works in general
            "The Shanxi coal mines and the Hebei salt fields recovered.",
            [],
            ["Shanxi", "Hebei"],
        ),
        # invented: a name's English part joined by "and" and "of" ("of Teachers and Staff of All Trades")
        (
            "The Handan City Federation of Teachers and Staff of All Trades met.",
            ["Handan City Federation of Teachers and Staff of All Trades"],
            [],
        ),
        # invented: the place a dispatch comes from; the place a distance is measured from
        ("(Xinhua News Agency, Lishi, 18th) Coal output rose.", ["Xinhua News Agency"], ["Lishi"]),
        ("The fair lies 30 li south of Gaoyang; north of the river it rained.", [], ["Gaoyang"]),
        # a branch written right after its unit is named with it
        (
            "(Xinhua News Agency Jin-Ji-Lu-Yu General Branch dispatch)",
            ["Xinhua News Agency Jin-Ji-Lu-Yu General Branch"],
            [],
        ),
    ],
)
def test_units_and_places(english: EnglishPipeline, text: str, units: list[str], places: list[str]) -> None:
    result = extract(english, text)
    assert texts(result, "unit") == units
    assert texts(result, "place") == places


@pytest.mark.parametrize(
    "text",
    [
        "The Municipal Committee and the Industry Department agreed.",  # back-references, not names
        "The Party branch and the Youth League helped the mine.",
        "In 1958 team leaders met; the first group of cadres left.",  # a year, a counted group
    ],
)
def test_common_nouns_are_not_units(english: EnglishPipeline, text: str) -> None:
    assert texts(extract(english, text), "unit") == []


@pytest.mark.parametrize(
    ("text", "units", "places"),
    [
        (  # company heads, also after a comma
            "Shares of Yizheng Chemical Fibre Co., Ltd. and the Shanghai Jinling Company Limited rose.",
            ["Yizheng Chemical Fibre Co., Ltd.", "Jinling Company Limited"],
            ["Shanghai"],
        ),
        (
            "Letters of thanks came from the Chinese People's Volunteers at the front.",
            ["Chinese People's Volunteers"],
            [],
        ),
        (  # a railway line named by its end points is a place, no unit, and holds no place; its builders are units
            "Trains now run on the Baoji-Chengdu Railway and the Chengyu Railway, built by the Railway Corps "
            "and run by the Chengdu Railway Bureau.",
            ["Railway Corps", "Chengdu Railway Bureau"],
            ["Baoji-Chengdu Railway", "Chengyu Railway"],
        ),
        ("The Chinese Changchun Railway was handed over.", ["Chinese Changchun Railway"], []),  # not end points
        (  # a short form confirmed by the full name, found again, also in a headline
            "Bao Steel Raises Output\n\nThe Baotou Iron and Steel Company built a mill, and Bao Steel grew.",
            ["Bao Steel", "Baotou Iron and Steel Company", "Bao Steel"],
            [],
        ),
        (
            "The Wuhan Iron and Steel Company grew. Last year Wu Steel made 4 million tons, and Wu Steel's costs fell.",
            ["Wuhan Iron and Steel Company", "Wu Steel", "Wu Steel"],
            [],
        ),
        (  # a short name in parentheses, but not a place
            "The Anshan Iron and Steel Company (Angang) and the Daye Steel Plant (Hubei) grew; Angang doubled.",
            ["Anshan Iron and Steel Company", "Angang", "Daye Steel Plant", "Angang"],
            ["Hubei"],
        ),
    ],
)
def test_company_names_short_forms_and_lines(
    english: EnglishPipeline, text: str, units: list[str], places: list[str]
) -> None:
    result = extract(english, text)
    assert texts(result, "unit") == units
    assert texts(result, "place") == places
    assert texts(result, "person") == []


def test_lower_case_organisations_are_common_nouns(english: EnglishPipeline) -> None:
    result = extract(english, "Wang Li, secretary of the brigade Party committee, reported to the staff congress.")
    assert texts(result, "unit") == []
    assert [(r.title, r.person) for r in result.roles] == [("secretary of the brigade Party committee", "Wang Li")]


def test_a_headline_name_is_confirmed_by_the_body(english: EnglishPipeline) -> None:
    text = "Khrushchev Arrives in Beijing\n\nSoviet leader Khrushchev arrived in Beijing today."
    assert texts(extract(english, text), "person") == ["Khrushchev", "Khrushchev"]


def test_a_name_seen_once_is_found_again(english: EnglishPipeline) -> None:
    text = "Fushun Report\nWe went to Fushun. The Fushun Cement Plant grew; in Fushun output rose."
    result = extract(english, text)
    assert texts(result, "place") == ["Fushun", "Fushun", "Fushun"]
    assert texts(result, "unit") == ["Fushun Cement Plant"]


# --- percentages and figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "item", "qualifier", "period"),
    [
        (
            "It produced 2,500,000 tons of pig iron this year.",
            "2,500,000 tons",
            2_500_000,
            "ton",
            "pig iron",
            None,
            None,
        ),
        ("The team had a monthly output of 8,000 tons.", "8,000 tons", 8000, "ton", "output", None, "month"),
        ("The brigade harvested 800 jin of grain per mu.", "800 jin", 800, "jin", "grain", None, "mu"),  # a rate
        ("It saved nearly 300 tons of coal.", "nearly 300 tons", 300, "ton", "coal", "about", None),
        ("Each furnace made at least 40 tons a day.", "at least 40 tons", 40, "ton", None, "at least", "day"),
        (
            "The station generated 1.2 million kilowatt-hours.",
            "1.2 million kilowatt-hours",
            1_200_000,
            "kilowatt-hour",
            None,
            None,
            None,
        ),
        ("Wages rose to 65 yuan or more.", "65 yuan or more", 65, "yuan", None, "at least", None),
        ("They walked forty-five li to the town.", "forty-five li", 45, "li", None, None, None),
        ("The cost fell to less than 12 yuan per ton.", "less than 12 yuan", 12, "yuan", None, "less than", "ton"),
        ("They built a 12,000-ton hydraulic press.", "12,000-ton", 12000, "ton", None, None, None),
        (
            "They mined twelve and a half million tons.",
            "twelve and a half million tons",
            12_500_000,
            "ton",
            None,
            None,
            None,
        ),
        ("The new pit yields 1.1 tons per man.", "1.1 tons", 1.1, "ton", None, None, None),
        ("Each man dug three-fifths of a ton.", "three-fifths of a ton", 0.6, "ton", None, None, None),
        ("The salt pans cover 1,750-odd qing.", "1,750-odd qing", 1750, "qing", None, None, None),
    ],
)
def test_figures(
    english: EnglishPipeline,
    text: str,
    span: str,
    value: float,
    unit: str,
    item: str | None,
    qualifier: str | None,
    period: str | None,
) -> None:
    result = extract(english, text)
    [figure] = result.figures
    [mention] = [m for m in result.mentions if m.id == figure.mention]
    assert mention.text == span and text[mention.start : mention.end] == span
    assert (figure.value, figure.unit, figure.item, figure.qualifier, figure.period) == (
        value,
        unit,
        item,
        qualifier,
        period,
    )


def test_the_lower_end_of_a_range_is_a_figure_too(english: EnglishPipeline) -> None:
    result = extract(english, "Wages rose from 12 to 16 jin of millet.")
    assert [(f.value, f.unit) for f in result.figures] == [(12, "jin"), (16, "jin")]


def test_a_year_begins_no_range(english: EnglishPipeline) -> None:
    result = extract(english, "The irrigated area grew from 8,000 mu in 1970 to 43,000 mu.")
    assert [(f.value, f.unit) for f in result.figures] == [(8000, "mu"), (43000, "mu")]


def test_a_range_shares_its_period(english: EnglishPipeline) -> None:
    result = extract(english, "Tunneling rose from 45 meters per month to more than 110 meters.")
    assert [(f.value, f.qualifier, f.period) for f in result.figures] == [
        (45, None, "month"),
        (110, "more than", "month"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "More than 200 cadres from 56 industrial enterprises attended.",  # counts
        "The plan was completed for eleven consecutive months and three days.",  # durations
        "Since August 1958, the 3rd meeting adopted nine measures.",  # dates, ordinals
        "Li Ming and 3 Li family members came.",  # a surname is not the unit li
        "He bought two sets and three cars.",  # counts of things, not production
    ],
)
def test_counts_and_durations_are_not_figures(english: EnglishPipeline, text: str) -> None:
    assert extract(english, text).figures == []


@pytest.mark.parametrize(
    ("text", "spans", "values"),
    [
        ("The pass rate reached 99.5%, up from 87 percent.", ["99.5%", "87 percent"], [99.5, 87]),
        ("Some 30 per cent of the teams, and 45％ of the groups.", ["30 per cent", "45％"], [30, 45]),
        ("Output rose by only 8.7%.", ["8.7%"], [8.7]),
        ("It rose by thirty-five point five percent.", ["thirty-five point five percent"], [35.5]),
        ("Owners took 45 to 50% of the profit.", ["45", "50%"], [45, 50]),  # both ends of a range
    ],
)
def test_percentages(english: EnglishPipeline, text: str, spans: list[str], values: list[float]) -> None:
    result = extract(english, text)
    assert texts(result, "percentage") == spans
    assert [p.value for p in result.percentages] == values


# --- pinyin ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "given"),
    [("Guoliang", True), ("Zai", True), ("Ping'an", True), ("Central", False), ("Paper", False), ("Mine", False)],
)
def test_given_names_are_pinyin(word: str, given: bool) -> None:
    assert pinyin.is_given_name(word) is given


@pytest.mark.parametrize(
    ("word", "long_compound", "settlement", "line_name"),
    [
        ("Zhaojiagou", True, True, False),  # a village: three syllables ending in gou
        ("Liuzhuang", False, False, True),  # two syllables could be a given name
        ("Jinggangshan", True, False, False),
        ("Baocheng", False, False, True),  # Baoji-Chengdu
        ("Lenin", False, False, True),  # two syllables may spell a foreign name: not ruled out as a person
        ("Central", False, False, False),
    ],
)
def test_pinyin_compounds(word: str, long_compound: bool, settlement: bool, line_name: bool) -> None:
    assert pinyin.is_long_compound(word) is long_compound
    assert pinyin.is_settlement(word) is settlement
    assert pinyin.is_line_name(word) is line_name


# --- whole texts, fixtures, model loading ------------------------------------------------------------


def test_every_offset_slices_the_text(english: EnglishPipeline) -> None:
    text = "Xinhua reporter Liu Bin\n\n\tThe Lanzhou Water Pump Factory's 3 teams made 40 tons, 12% more."
    for item in english.find(text):
        assert item.end > item.start and text[item.start : item.end].strip() == text[item.start : item.end]


def test_find_many_equals_find(english: EnglishPipeline) -> None:
    batch = ["Wang Ping went to Wuhan.", "", "The Daye Steel Plant made 30 tons."]
    assert list(english.find_many(batch)) == [english.find(text) for text in batch]


@pytest.mark.parametrize("path", SEEDS, ids=lambda path: path.stem)
def test_fixtures_slice_the_article(path: Path) -> None:
    fixture = json.loads((FIXTURES / "en" / f"{path.stem}.json").read_text(encoding="utf-8"))
    text = read_article(path).en
    assert text and fixture["id"] == path.stem
    for mention in fixture["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"], mention
        assert ("value" in mention) == (mention["type"] in ("percentage", "figure"))
        assert ("unit" in mention) == (mention["type"] == "figure")


def test_seed_scores_stay_above_target(english_seed_results: list[ExtractionResult]) -> None:
    scores = score_mentions(english_seed_results, load_fixtures(FIXTURES, "en"), "en")
    assert {kind for _, kind in scores} == {"person", "role", "unit", "place", "percentage", "figure"}
    low = {kind: (s.precision, s.recall) for (_, kind), s in scores.items() if min(s.precision, s.recall) < MIN_SCORE}
    assert not low, f"below {MIN_SCORE}: {low}"


def test_missing_model_falls_back_then_fails_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = english_pipeline.load_model("no_such_model_installed")
    assert nlp.meta["name"].startswith("core_web_sm")
    monkeypatch.setattr(english_pipeline, "FALLBACK_MODEL", "also_not_installed")
    with pytest.raises(ModelNotAvailableError, match=r"run `extractor download`"):
        english_pipeline.load_model("no_such_model_installed")
