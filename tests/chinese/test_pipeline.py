"""The Chinese rule pipeline: each rule family on invented sentences, records, and the seeds' scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from extractor import ExtractionResult, Settings, read_article
from extractor.assemble import assemble
from extractor.chinese import ChinesePipeline, build_nlp
from extractor.evaluate import load_fixtures, score_mentions
from extractor.found import Found, found, resolve_overlaps
from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def zh() -> ChinesePipeline:
    """The rules alone: these cases test them; tests/chinese/test_model.py tests the model beside them."""
    return ChinesePipeline(Settings(chinese_ner=False))


def mentions(zh: ChinesePipeline, text: str, kind: str) -> list[str]:
    return [text[f.start : f.end] for f in resolve_overlaps(zh.find(text)) if f.type == kind]


def only(zh: ChinesePipeline, text: str, kind: str) -> Found:
    (item,) = [f for f in resolve_overlaps(zh.find(text)) if f.type == kind]
    return item


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("如矿党委书记施国良和副矿长赵同利在深入七井时，发现问题。", ["施国良", "赵同利"]),
        ("大会最后由中共辽宁省委书记喻屏作了总结报告。喻屏要求到会人员重视这些经验。", ["喻屏", "喻屏"]),
        ("这是副厂长赵福明（右）在红旗四号炉跟班劳动新华社记者王平摄", ["赵福明", "王平"]),
        ("重庆中梁山煤矿工人一起研究问题。　新华社记者　刘诗临摄", ["刘诗临"]),
        (
            "    深入深入再深入\n    陈心海　石在\n    曾经被工厂企业称为“查火表的”，受到基层单位的欢迎。",
            ["陈心海", "石在"],
        ),
        ("    下井跟班劳动　　苗地插图", ["苗地"]),
        ("例如，肖功顺小组部分领导成员表现有畏难情绪。", ["肖功顺"]),
        # invented
        ("山西省阳泉市第三煤矿党委副书记王建华和矿长刘德胜带领工人下井。", ["王建华", "刘德胜"]),
        ("全厂职工一千二百人，厂长张志远亲自下车间。", ["张志远"]),
        ("松江省哈尔滨市第一机床厂工人孙长林创造了新的切削法。", ["孙长林"]),
        ("李秀英同志是这个纺织厂的劳动模范，她所在的赵桂兰小组质量很好。", ["李秀英", "赵桂兰"]),
        ("本报记者　欧阳明　黄永胜", ["欧阳明", "黄永胜"]),
        (
            "    提高基层干部\n    本报记者　陈　勇　李　明\n"
            "    全市工业生产战线上出现了一片新气象，各工厂的增产节约运动正在深入展开。",
            ["陈　勇", "李　明"],
        ),
        ("上海国棉十七厂细纱车间挡车工黄宝妹创造了新纪录。", ["黄宝妹"]),
        ("毛泽东主席接见了全国劳动模范。", ["毛泽东"]),
        ("钱其琛副总理也于近日会见了客人。", ["钱其琛"]),
        ("他会见了钱其琛、丁焘、李拔等同志。", ["钱其琛", "丁焘", "李拔"]),
        # a conjunction closing a given name where no conjunction can stand (小组 follows, 被 follows)
        ("赵德和小组今年增产，赵德和被选为组长。", ["赵德和", "赵德和"]),
        # a name listed next to a name found only later, then recurring
        (
            "他和张国庆、周桂兰等人一起下地。党支部书记张国庆说。周桂兰笑了。",
            ["张国庆", "周桂兰", "张国庆", "周桂兰"],
        ),
        # invented: a given name ending in 之 before a list mark or 等; 总之 is no name
        ("党员张国庆、孙适之等同志都来了，总之很热闹。", ["张国庆", "孙适之"]),
        # a two-character name after a full-width space in a credit
        ("图为社员在田间劳动。　新华社记者　方平摄", ["方平"]),
        # invented: a second author written right after the first, closing the line or the bracket
        (
            "　　本报记者张建华李明\n　　一月九日，我们来到村里。\n　　（赵文斌王忠一）\n",
            ["张建华", "李明", "赵文斌", "王忠一"],
        ),
        ("　　天气转暖。\n　　（完）\n（新华社稿）", []),  # a bracket of no names
        # a frequent surname addressed by a title is a person (陈副经理, 吴县长); 江 is no frequent surname
        ("江主席充满智慧的回答赢得了掌声。蒋局长周旋了很久。", ["蒋局长"]),
        ("矿区陈副经理接着报告。他任厂长。", ["陈副经理"]),
        # no names: a title followed by a verb, a title after its holder, groups that are not named after anyone
        ("文艺小组和宣传小组都很活跃，许多同志参加了。", []),
        ("“只要书记别太为难我了。”", []),  # after a bare title only a frequent surname opens a name
        ("开展经贸合作，大家通力合作。", []),  # 作 closes no credit when 合作 is the word
        ("这个车间党支部的十一名委员都交上了知心朋友。", []),
        ("他代表墨西哥参议院致欢迎辞。", []),
        ("林场场长和车间主任都来了，他出任法国总理。", []),
    ],
)
def test_people(zh: ChinesePipeline, text: str, people: list[str]) -> None:
    assert mentions(zh, text, "person") == people


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("如矿党委书记施国良和副矿长赵同利在深入七井时", [("矿党委书记", "施国良"), ("副矿长", "赵同利")]),
        ("公司党委副书记陈万邦下到第八工地", [("公司党委副书记", "陈万邦")]),
        ("党支部委员李成敏深入到这个小组以后", [("党支部委员", "李成敏")]),
        (
            "党支部把党员李人庆调去当组长，党支部书记何顺贤也到这个组",
            [("党员", "李人庆"), ("组长", "李人庆"), ("党支部书记", "何顺贤")],
        ),
        ("这是北井总支书记何玉清（右）和掘进工人一起研究问题。", [("总支书记", "何玉清")]),
        ("大会最后由中共辽宁省委书记喻屏作了总结报告。", [("书记", "喻屏")]),
        # invented
        ("中共河北省委第一书记林铁在会上讲话。", [("第一书记", "林铁")]),
        ("湖南省省长程潜视察了工地。", [("省长", "程潜")]),
        ("邢台吴县长及该县建设科，于灾情严重各村。", [("县长", "吴县长")]),
        # titles CC-CEDICT knows that data/roles.json does not list
        ("股东王仲荆和讲师刘雨辰都来了。", [("股东", "王仲荆"), ("讲师", "刘雨辰")]),
        ("老工人王进才后来被选为车间主任。", [("车间主任", "王进才")]),
        ("厂党委书记、厂长王国华同志也参加了劳动。", [("厂党委书记", "王国华"), ("厂长", "王国华")]),
        ("国家统计局局长李成瑞在会上说。", [("局长", "李成瑞")]),
        ("大寨大队党支部书记郭凤莲说。", [("党支部书记", "郭凤莲")]),
        # modifiers, several of them
        (
            "助理会计师周玉芬、副总工程师李国栋和全国特等劳动模范马永顺。",
            [("助理会计师", "周玉芬"), ("副总工程师", "李国栋"), ("全国特等劳动模范", "马永顺")],
        ),
        # the organisation written before the title: a unit with its sub-unit, trade words and heads
        ("第二炼钢厂平炉车间主任孙长林说。", [("主任", "孙长林")]),
        ("红星机械厂副厂长、高级工程师刘志远说。", [("副厂长", "刘志远"), ("高级工程师", "刘志远")]),
        (
            "勘探指挥部总指挥赵永昌和水文站站长吴德明。",
            [("勘探指挥部总指挥", "赵永昌"), ("水文站站长", "吴德明")],
        ),
        # given later in the sentence, across a comma, until another subject
        (
            "生产队长王秀英是一名共产党员，她带领社员修渠。",
            [("生产队长", "王秀英"), ("共产党员", "王秀英")],
        ),
        ("女工孙秀兰来到工地，在抢修中担任突击队长，带领队员。", [("突击队长", "孙秀兰")]),
        ("社员赵德和被大家选为组长，周桂兰等同志当了副组长。", [("组长", "赵德和"), ("副组长", "周桂兰")]),
        ("工地主任一起到现场去。三位党委书记有两名书记带领各部部长。", []),
    ],
)
def test_roles_are_held_by_the_named_person(zh: ChinesePipeline, text: str, roles: list[tuple[str, str]]) -> None:
    found = [f for f in resolve_overlaps(zh.find(text)) if f.type == "role"]
    held = [(text[f.start : f.end], text[f.holder[0] : f.holder[1]] if f.holder else None) for f in found]
    assert sorted(held) == sorted(roles)


def test_roles_and_units_reach_the_person_record(zh: ChinesePipeline) -> None:
    text = "党支部把党员李人庆调去当组长。大会由中共辽宁省委书记喻屏作了总结报告。"
    people = {p.name: p for p in assemble("zh", text, zh.find(text)).people}
    assert people["李人庆"].roles == ["党员", "组长"]
    assert people["喻屏"].roles == ["书记"] and people["喻屏"].unit == "中共辽宁省委"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("黑龙江双鸭山岭西煤矿的领导干部", ["岭西煤矿"]),
        ("大冶钢厂锻造车间去年以来实现生产月月全面跃进", ["大冶钢厂锻造车间"]),
        ("湖南省常宁县松柏铁厂各级领导干部", ["松柏铁厂"]),
        ("嘉兴市委工业部改进领导工作", ["嘉兴市委工业部"]),
        ("曾经被称为“查火表的”中共嘉兴市委工业部，", ["中共嘉兴市委工业部"]),
        ("学习了上海市普陀区委的做法", ["普陀区委"]),
        (
            "原来完不成计划的嘉兴纸筋厂、华昌电焊厂也提前完成了。由纸筋厂向小型厂介绍经验。",
            ["嘉兴纸筋厂", "华昌电焊厂", "纸筋厂"],
        ),
        ("连续八个月月产万吨的六二○采煤队，“学六二○，赶六二○”", ["六二○采煤队", "六二○", "六二○"]),
        ("推广阜新中央机修厂领导干部搞“试验田”、阜新平安煤矿领导干部", ["中央机修厂", "平安煤矿"]),
        ("平安煤矿三坑领导干部和这个矿的三坑基层干部", ["平安煤矿三坑", "三坑"]),
        (
            "公司党委副书记陈万邦下到第八工地。兰州水泵厂领导干部。例如，兰州市政公司的领导",
            ["第八工地", "兰州水泵厂", "兰州市政公司"],
        ),
        ("（原载浙江日报，本报略有删改。）新华社记者王平摄", ["浙江日报", "新华社"]),
        # invented
        ("工人们参观了上海第一钢铁厂和江南造船厂。", ["上海第一钢铁厂", "江南造船厂"]),
        ("热河省平泉县红星农业生产合作社今年增产。", ["红星农业生产合作社"]),
        ("鞍山钢铁公司第二炼钢厂三号平炉日产钢四百多吨。", ["鞍山钢铁公司第二炼钢厂三号平炉"]),
        ("一二○五钻井队打出了新井。", ["一二○五钻井队"]),
        ("河南省新乡专区七里营人民公社今年增产。", ["七里营人民公社"]),
        ("据天津市统计局统计，上海国棉十七厂细纱车间提前完成计划。", ["天津市统计局", "上海国棉十七厂细纱车间"]),
        ("江苏省无锡县华西大队的社员们", ["华西大队"]),
        # short names: declared in brackets, or the usual abbreviation recurring; with their sub-units
        (
            "武汉钢铁公司（以下简称武钢）今年扩建了高炉。武钢的职工说，武钢第二炼铁厂日产铁五千吨。",
            ["武汉钢铁公司", "武钢", "武钢", "武钢第二炼铁厂"],
        ),
        (
            "包头钢铁公司去年增产。今年包钢又新建了一座高炉，包钢轨梁厂也投入生产。",
            ["包头钢铁公司", "包钢", "包钢轨梁厂"],
        ),
        # invented: a quoted short name that opens a unit's name found; not one that opens none
        (
            "长城商场集团和友谊集团合并后，若“长城”要收购“友谊”，“强强联合”更好。",
            ["长城商场集团", "友谊集团", "长城", "友谊"],
        ),
        # a description of the product between the name or place and the head
        (
            "城东塑料制品厂同常州电力自动化设备厂和苏州丝绸工学院签订了合同。",
            ["城东塑料制品厂", "常州电力自动化设备厂", "苏州丝绸工学院"],
        ),
        ("沈阳市机械工业管理局和天津重型机器股份有限公司。", ["沈阳市机械工业管理局", "天津重型机器股份有限公司"]),
        ("上海市冶金工业局的干部", ["上海市冶金工业局"]),
        # oilfield teams and wells, bridge teams, armies, a ministry's bureau, communes
        ("南五采油队和西三注水站的工人，采油三矿的技术员。", ["南五采油队", "西三注水站", "采油三矿"]),
        ("第五桥梁队在江上架桥。1961年5月红岗五井喷出油流。", ["第五桥梁队", "红岗五井"]),
        ("基建工程兵部队和水利电力部第六工程局的职工。", ["基建工程兵", "水利电力部第六工程局"]),
        ("河北省遵化县西铺人民公社的社员", ["西铺人民公社"]),
        ("大港油田地质研究所的科研人员", ["大港油田地质研究所"]),
        # a works found once is a unit where it recurs
        ("学习红星机械厂的经验。今年，红星机械厂增产。", ["红星机械厂", "红星机械厂"]),
        # invented: a unit after 其 or 原, a border region's government, departments alone, new heads
        ("其淮南盐场已经收复，原中原公司股东也来了。", ["淮南盐场", "中原公司"]),
        ("苏皖边区政府决定，根据边区政府的决定，边府建设厅设立磁厂。", ["苏皖边区政府", "边区政府", "边府", "建设厅"]),
        ("他对身旁的交通局党组书记说。该县建设科于灾情。", ["交通局", "建设科"]),
        ("亚星汽车集团和华联商场合并。", ["亚星汽车集团", "华联商场"]),
        # a four-character name after its place (split off, as the seeds write it), a chain's trade word
        ("组建了上海东方明珠集团和北京亿客隆连锁集团。", ["东方明珠集团", "亿客隆连锁集团"]),
        # who a federation gathers between its place and head (各业职工); an agency's regional branch
        (
            "【新华社晋冀鲁豫总分社讯】邢台市各业职工联合会于四日成立，北京市各界青年联合会祝贺。",
            ["新华社晋冀鲁豫总分社", "邢台市各业职工联合会", "北京市各界青年联合会"],
        ),
        # an owner's nationality cut (the name may then be one character); 矿井 and 职工 are common nouns
        ("英人福公司暂由政府代管，美商德士古公司也来了。修补矿井，组织职工合作社。", ["福公司", "德士古公司"]),
        # 院 as a head; a national body keeps its country, a provincial one is split from its place
        ("中国农科院和四川省社科院的人，他住院了。", ["中国农科院", "社科院"]),
        # a magnitude before a works describes it: no name (年产２５０万吨炼油厂)
        ("承包年产２５０万吨炼油厂建设项目。", []),
        # invented: a unit named by its description alone where a post is held in it, it is left, one is counted
        (
            "他兼农业技术研究所长，毕业于高等师范学校，又设立一个造纸厂。",
            ["农业技术研究所", "高等师范学校", "造纸厂"],
        ),
        ("又设立一个纸厂，离开办公室往工厂跑。", []),  # one word of description; a cue inside a word
        # invented: the firms a body is formed of, by their short names; a list of people or industries is none
        (
            "华北汽车集团由红旗、东风和长江的轿车部分联合组成，一汽、二汽等企业祝贺。队伍由工人、农民和士兵组成。"
            "钢铁、煤炭、建材等企业亏损。",
            ["华北汽车集团", "红旗", "东风", "长江", "一汽", "二汽"],
        ),
        # invented: the organ of a 1940s administrative region the gazetteer no longer holds
        ("太岳行署拨粮五千斤，胶东行署也拨了。", ["太岳行署", "胶东行署"]),
        # invented: a name in apposition after a common noun ending in a head (最大的煤矿|开滦煤矿)
        ("华北最大的煤矿开滦煤矿和第二大盐场长芦盐区都恢复了。", ["开滦煤矿", "长芦盐区"]),
        # invented: a two-character verb after a trade word describes; a numeral opens a proper name
        ("上海化工管理干部学院和成都四通电子研究所签约，分解到二级厂。", ["上海化工管理干部学院", "四通电子研究所"]),
        # common nouns: no unit
        ("全矿干部、这个矿的党委、各厂负责人、几个重点厂、一般厂和小型厂、许多小厂、下厂的次数", []),
        ("发现厂里浪费原材料的现象。离开办公室往工厂跑。市委领导同志。", []),
        ("晋北煤矿业复兴，矿业发达。", []),  # invented: an industry, not a mine
        ("中国农业科技的进步", []),  # a department's head beginning a word (农业科|技) after a place
        ("边区政府即饬令银行贷款，责令各厂赔偿。", ["边区政府"]),  # invented: verbs of ordering open no name
        # invented: national ministries and commissions by their usual short forms; 全部 and 干部 are words
        ("外经贸部、国家计委和电子部的全部干部", ["外经贸部", "国家计委", "电子部"]),
        ("生产电子部件，石油部署，纺织部分企业，化工部门", []),  # the short form begins a longer word
        # invented: a name of product characters alone describes a works: it keeps its place, or names none
        ("县属企业宜昌塑管厂和兴建的磷肥厂、钾肥厂", ["宜昌塑管厂"]),
        ("我们要发扬模范厂长的作风，财政部长会议。", []),
        ("为了保证油田稳产，上海纺织工人进厂参观，他们建立农民协会。", []),
    ],
)
def test_units(zh: ChinesePipeline, text: str, units: list[str]) -> None:
    assert mentions(zh, text, "unit") == units


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("本报讯　黑龙江双鸭山岭西煤矿的领导干部", ["黑龙江", "双鸭山"]),
        ("本报阜新电　中共辽宁省委在阜新召开了现场会议", ["阜新", "阜新"]),
        ("湖南省常宁县松柏铁厂", ["湖南省", "常宁县"]),
        ("重庆中梁山煤矿领导干部", ["重庆"]),
        ("沈阳市参加会议的四十多个工厂；现在，兰州市各级领导干部", ["沈阳市", "兰州市"]),
        # invented: 1950s provinces, autonomous regions, a county now a city
        (
            "松江省和热河省的代表，内蒙古、西藏、广西壮族自治区的代表",
            ["松江省", "热河省", "内蒙古", "西藏", "广西壮族自治区"],
        ),
        ("河北故城县和苏联、朝鲜的代表", ["河北", "故城县", "苏联", "朝鲜"]),
        ("江苏省无锡县和新乡专区", ["江苏省", "无锡县", "新乡专区"]),
        # a village after its county, and where it recurs; a county short name ending in 州
        ("河北省遵化县西铺村的社员来到西铺村东头。", ["河北省", "遵化县", "西铺村", "西铺村"]),
        ("湖北省洪湖县螺山区新堤乡的社员", ["湖北省", "洪湖县", "螺山区", "新堤乡"]),
        ("河北省涿州的工人", ["河北省", "涿州"]),
        # county short names in their province, listed, before an area word
        ("铁路经过湖南省的醴陵、株洲等地。", ["湖南省", "醴陵", "株洲"]),
        # invented: a list counted as so many counties names each (an old county among them); a wrong count none
        (
            "冀中，安平、饶阳、深泽三县群众和晋中曲阳、和顺两县；张三、李四二人。",
            ["冀中", "安平", "饶阳", "深泽", "晋中", "曲阳", "和顺"],
        ),
        ("甲子、乙丑、丙寅两县", []),
        ("开渠排水，使积水流入白沙河。", ["白沙河"]),  # invented: a river named by the water flowing into it
        # invented: a name after a word for a kind of town, recurring; one a distance is measured from
        ("高阳东三十里之商业重镇庞口，庞口大集很热闹。", ["高阳", "庞口", "庞口"]),
        ("他住在距县城东三十里的地方，县城附近的城镇居民增收。", []),  # ordinary words after and before
        # invented: a railway trunk line by its short name and generic word; not its short name alone
        ("敌军沿津浦线北犯，同蒲路上，粤汉铁路以东，津浦两地。", ["津浦线", "同蒲路", "粤汉铁路"]),
        # mountains, rivers and islands
        ("这个公社地处云蒙山南麓，大桥横跨通榆河，进入舟山岛以后。", ["云蒙山", "通榆河", "舟山岛"]),
        # invented: short names listed, with 省, a compass word or 边区; the place of a dateline
        ("货物行销冀、豫、鲁各省，察省资本家也来了。", ["冀", "豫", "鲁", "察省"]),
        ("冀东和晋中的工人，晋察冀边区的农民", ["冀东", "晋中", "晋察冀边区"]),
        ("【新华社淮阴二十日电】盐场恢复。【本报邯郸讯】煤矿复工。", ["淮阴", "邯郸"]),
        # a short name at the end of an ordinary word (复合肥), a generic word (解放区)
        ("加工成有机复合肥，合肥的工厂超过解放区。", ["合肥"]),
        # not short names: 四川|中部, a single character in a word, a short name alone
        ("四川中部的农民和新老工人，晋升为组长。", ["四川"]),
        # not places: inside a unit's or newspaper's name, inside ordinary words
        ("大冶钢厂、嘉兴市委、浙江日报、兰州市政公司", []),
        ("发展中国家的远大理想；其中国有企业三十万个；大城市和新兴市场", []),
        ("上海塑料研究所和南京电子仪器厂", []),
        (
            "美国太平洋舰队，波兰共和国总统，中国工农红军，要穿过崇山峻岭，遵化县广大农村和边远山区。",
            ["美国", "波兰", "中国", "遵化县"],
        ),
    ],
)
def test_places(zh: ChinesePipeline, text: str, places: list[str]) -> None:
    assert mentions(zh, text, "place") == places


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("完成全年计划的87％。", 87),
        ("合格率达到99.995％，", 99.995),
        ("提高百分之三十", 30),
        ("增加了百分之卅", 30),
        ("增长１２·８％，", 12.8),  # the 1998 middle dot is a decimal point
        ("今年麦子只收三成。", 30),  # tenths
        ("秋粮只收了四成半，", 45),
        ("废品率降低千分之五。", 0.5),  # per mille
        ("有百分之八九十的工人参加", 80),  # a range: its lower end
    ],
)
def test_percentages(zh: ChinesePipeline, text: str, value: float) -> None:
    assert only(zh, text, "percentage").value == value


@pytest.mark.parametrize(
    ("text", "span", "value", "unit", "item", "qualifier", "period"),
    [
        ("迄至10月上旬，已生产原煤一百零一万吨，", "一百零一万吨", 1010000, "ton", "原煤", None, None),
        ("连续八个月月产万吨的采煤队", "万吨", 10000, "ton", None, None, "month"),
        ("已经由原来月进三十米上升到", "三十米", 30, "meter", None, None, "month"),
        ("上升到七十米以上。", "七十米以上", 70, "meter", None, "more than", None),
        ("浪费的铁屑共值八千元。", "八千元", 8000, "yuan", "铁屑", None, None),
        ("带领工人月产原煤三万五千吨。", "三万五千吨", 35000, "ton", "原煤", None, "month"),
        ("三号平炉日产钢四百多吨，", "四百多吨", 400, "ton", "钢", "more than", "day"),
        ("粮食亩产八百斤左右。", "八百斤左右", 800, "jin", "粮食", "about", None),
        ("每人每月工资约六十元。", "约六十元", 60, "yuan", "工资", "about", "month"),
        ("共挖土方三十余方，", "三十余方", 30, "cubic meter", "土方", "more than", None),
        ("全县交售粮食三亿四千多万斤。", "三亿四千多万斤", 340000000, "jin", "粮食", "more than", None),
        # numbers as the press printed them
        ("钢产量１２·７万吨，", "１２·７万吨", 127000, "ton", "钢", None, None),
        ("共计一、二○○斤。", "一、二○○斤", 1200, "jin", None, None, None),
        ("今年每日挖煤一吨一，", "一吨一", 1.1, "ton", "煤", None, "day"),  # tenths after the unit
        ("他一人挑了三斤半。", "三斤半", 3.5, "jin", None, None, None),
        ("合计十二石五斗。", "十二石五斗", 12.5, "dan", None, None, None),  # a smaller traditional unit
        ("每日只产五分之三吨，", "五分之三吨", 0.6, "ton", None, None, "day"),
        ("拨发救济粮百万斤，", "百万斤", 1_000_000, "jin", "粮", None, None),  # a magnitude without a digit
        ("河堤长百余里，", "百余里", 100, "li", None, "more than", None),
        ("淹地一千三百余顷。", "一千三百余顷", 1300, "qing", None, "more than", None),
        ("出口额达五百万美元。", "五百万美元", 5_000_000, "US dollar", None, None, None),
        ("小麦每亩两万余斤，", "两万余斤", 20000, "jin", "小麦", "more than", "mu"),  # a rate per mu
    ],
)
def test_figures(
    zh: ChinesePipeline,
    text: str,
    span: str,
    value: float,
    unit: str,
    item: str | None,
    qualifier: str | None,
    period: str | None,
) -> None:
    figure = only(zh, text, "figure")
    assert (text[figure.start : figure.end], figure.value, figure.unit) == (span, value, unit)
    assert (figure.item, figure.qualifier, figure.period) == (item, qualifier, period)


def test_a_percentage_range_gives_both_ends(zh: ChinesePipeline) -> None:
    text = "工资提高百分之二十至五十不等。"
    percentages = [f for f in zh.find(text) if f.type == "percentage"]
    assert [(text[f.start : f.end], f.value) for f in percentages] == [("百分之二十", 20), ("五十", 50)]


def test_production_counts_are_figures(zh: ChinesePipeline) -> None:
    text = "年产量近１３万辆的集团，建成了年产１００万台微机的生产线。"
    figures = [f for f in zh.find(text) if f.type == "figure"]
    assert [(f.value, f.unit) for f in figures] == [(130000, "vehicle"), (1000000, "set")]


def test_a_rate_carries_to_the_next_figure_of_its_clause(zh: ChinesePipeline) -> None:
    text = "由原来月进三十米上升到七十米以上。"
    figures = [f for f in zh.find(text) if f.type == "figure"]
    assert [(text[f.start : f.end], f.period) for f in figures] == [("三十米", "month"), ("七十米以上", "month")]


@pytest.mark.parametrize(
    "text",
    [
        "到会的各地一百四十九个工业企业的三百多名领导干部",  # counts
        "连续十四个月全面地完成了国家计划，三天内推行",  # durations
        "1956年1月至10月，从去年第三季度以来",  # dates and ordinals
        "采取“四包一交”的办法，一方面抓生产，一度很困难",  # units of measure that are words here
        "这个工厂实行统一零售价",  # digits inside words
        "连续八个月的六二○采煤队，学六二○",  # a numbered unit
        "这是一成不变的规矩，修万里长城",  # numerals inside words
        "他买了一台机器，三辆车，一万套住房",  # counts of things, not production
    ],
)
def test_no_figures(zh: ChinesePipeline, text: str) -> None:
    assert mentions(zh, text, "figure") == [] and mentions(zh, text, "percentage") == []


def test_offsets_slice_the_text_and_batches_match(zh: ChinesePipeline) -> None:
    texts = [read_article(path).zh or "" for path in SEEDS]
    for text, batch in zip(texts, zh.find_many(texts), strict=True):
        assert batch == zh.find(text)
        assert all(0 <= f.start < f.end <= len(text) for f in batch)


def test_fixtures_slice_the_article_text() -> None:
    for path in SEEDS:
        fixture = json.loads((ROOT / "fixtures" / "zh" / f"{path.stem}.json").read_text(encoding="utf-8"))
        text = read_article(path).zh or ""
        assert fixture["id"] == path.stem and fixture["mentions"]
        for mention in fixture["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert ("value" in mention) == (mention["type"] in ("percentage", "figure"))
            assert ("unit" in mention) == (mention["type"] == "figure")


def test_seed_scores_per_chinese_type(seed_results: dict[str, ExtractionResult]) -> None:
    scores = score_mentions(seed_results.values(), load_fixtures(ROOT / "fixtures", "zh"), "zh")
    assert {kind for _, kind in scores} == {"person", "role", "unit", "place", "percentage", "figure"}
    for (_, kind), score in scores.items():
        assert score.precision >= 0.9 and score.recall >= 0.9, (kind, score)


def test_a_statistical_model_adds_only_what_the_rules_miss(tmp_path: Path) -> None:
    """A stand-in model (an entity ruler saved as a pipeline) through the `extractor_zh_model_entities_v1` slot."""
    model = spacy.blank("zh")
    ruler = model.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": name} for name in ("施国良", "张三丰")])
    model.to_disk(tmp_path / "ner")
    nlp = build_nlp(Settings(), ner_model=tmp_path / "ner")
    text = "矿党委书记施国良会见了张三丰。"
    people = [(text[f.start : f.end], f.source) for f in found(nlp(text)) if f.type == "person"]
    assert sorted(people) == [("张三丰", "model:zh_ner"), ("施国良", "rule:person")]
