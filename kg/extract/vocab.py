"""Generic vocabulary shared by the organization and person extractors (simplified forms only;
the extractors match it against the simplified key of a view), and `trie_pattern`, which turns
a word list into one fast regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation for `words`, shaped as a prefix tree: it takes the longest word at a
    position and costs one branch per character, not one try per word."""
    trie: dict = {}
    for w in words:
        if w:
            node = trie
            for c in w:
                node = node.setdefault(c, {})
            node[""] = {}
    return _node(trie) or "(?!)"


def _node(node: dict) -> str:
    ends = "" in node
    alts = [re.escape(c) + _node(sub) for c, sub in sorted(node.items()) if c]
    if not alts:
        return ""
    singles = [a for a in alts if len(a) == 1]
    if len(singles) > 1:
        alts = [a for a in alts if len(a) != 1] + ["[" + "".join(singles) + "]"]
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    if ends:
        return (body + "?") if len(alts) == 1 and len(body) == 1 else f"(?:{body})?"
    return body


def words(text: str) -> list[str]:
    return text.split()


# -- titles ------------------------------------------------------------------------------

GOVERNMENT_TITLES = words("""
    部长 副部长 部长助理 司长 副司长 局长 副局长 处长 副处长 科长 副科长 主任 副主任 常务副主任
    署长 副署长 行长 副行长 主席 副主席 常务副主席 秘书长 副秘书长 理事长 副理事长 会长 副会长
    院长 副院长 所长 副所长 厅长 副厅长 省长 副省长 常务副省长 市长 副市长 常务副市长 区长 副区长
    县长 副县长 州长 镇长 乡长 书记 副书记 党组书记 党组副书记 党委书记 党委副书记 党组成员 党委委员
    纪检监察组组长 组长 副组长 委员 常委 主任委员 总经济师 总工程师 总会计师 总统计师 总审计师
    总规划师 首席律师 首席经济学家 首席分析师 首席信息官 首席执行官 首席科学家 首席风险官 首席专家
    研究员 副研究员 教授 副教授 院士 董事长 副董事长 总经理 副总经理 总裁 副总裁 监事长 董事 总监
    新闻发言人 发言人 巡视员 副巡视员 一级巡视员 二级巡视员 一级调研员 二级调研员 督察长 总督学
    国务委员 总理 副总理 国家主席 总书记 大使 校长 副校长 代表 局长助理 行长助理 主任助理
    总编辑 副总编辑 主编 副主编 社长 副社长 台长 副台长 委员长 副委员长 审计长 副审计长 检察长
    副检察长 庭长 副庭长 纪委书记 政委 参事 总干事 副总干事 首席代表 首席统计师 首席经济师 首席工程师
    首席研究员 关长 副关长 总队长 副总队长 队长 副队长 创始人 联合创始人 理事 监事 常务理事 执行董事 独立董事 总统 副总统 首相 外长 外交部长
    议员 参赞 科技参赞 商务参赞
""")
BYLINE_TITLES = words("""
    记者 特约记者 首席记者 见习记者 实习记者 全媒记者 全媒体记者 融媒体记者 通讯员 实习生 编辑 责任编辑 责编 审核 审校 校对
    监制 摄影 摄像 美编 编审 终审 初审 复审 作者
""")
TITLES = GOVERNMENT_TITLES + BYLINE_TITLES
# a title word that is really the start of a longer word: 委员会, 常委会, 代表团, 书记处
TITLE_RE = re.compile(f"(?:{trie_pattern(TITLES)})(?![会团处])")
BYLINE = frozenset(BYLINE_TITLES)

# -- names -------------------------------------------------------------------------------

SURNAMES = frozenset("""
王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈
姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔
向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕
单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚
娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查
麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖
练廉禹井祖漆巴丰支卿国狄平计索宣晋初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌裘亓修邰赫杭况宿鲜印逯隆茹诸
战慕危玉银亢嵇哈湛宾戎勾茅揭尉冶束檀衣展阴昝智幸奉衡富尧闭邴郦鄂鲁乜候储逄贲蹇习寿竺仰言钮冒靖庹扶操郗宦税蒯厍眭郏酆暴铁谯桓怀
洪赖萧昌贝滑荀羿汲糜弓牧隗宓蓬钭韶蓟籍苍莘贡堵宰郤璩濮慎庾暨弘禄殳沃蔚夔訾毋巢运续帖
""".replace("\n", ""))
COMPOUND_SURNAMES = frozenset(words("""
    欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 司徒 夏侯 尉迟 公孙 长孙 宇文 轩辕 端木 独孤 南宫 西门
    万俟 闻人 澹台 呼延 赫连 申屠 太史 钟离 东郭 公羊 濮阳 淳于 单于 完颜 拓跋 司空 百里 呼和
    仲孙 叔孙 公冶 宗政 太叔 乐正 漆雕 壤驷 公良 拓拔 谷梁 段干 左丘 东门 巫马 梁丘 司寇 亓官
"""))
# words that may follow a name: a verb of saying or doing, a preposition, an honorific
NAME_FOLLOWERS = words("""
    介绍 表示 说 指出 强调 认为 称 透露 提到 提出 谈到 回应 回答 答 主持 出席 参加 在 于 就 对 向 与 和
    及 同 等 也 还 则 都 先生 女士 同志 一行 作 做 进行 发表 发布 宣布 解读 通报 坦言 告诉 分析 解释 补充
    总结 建议 希望 要求 表态 报道 摄 率 会见 陪同 接受 带领 主讲 致辞 讲话 发言 应邀 近日 日前 当天
    今天 昨天 此前 随后 首先 最后 上午 下午 晚上 以及 到 赴 来 去 现场 会上 专门 重点 详细 围绕 针对
    从 即 已 曾 又 并 亦 说明 披露 预计 预测 援引 注意到 了解到 获悉 发自 采写 报道 撰文 主张 呼吁 出任
    担任 任 兼任 调任 同时 一同 一起 共同 等人 们 、 摄影 将 参与 昨日 今日 当日 明日 日内 会后 会见 带队 率队 在接受
""")
FOLLOWER_RE = re.compile(trie_pattern(NAME_FOLLOWERS))
# two-character words that look like a surname plus a character but are not names
NOT_NAMES = frozenset(words("""
    时间 来源 地址 电话 日期 标题 摘要 导读 关键 全文 原标题 以下 下面 首先 其次 最后 同时 此外 另外
    会上 文章 图片 视频 附件 问 答 主持人 记者 编辑 通讯员 发布 目前 当前 方面 国家 全国 全省 全市
    总体 总的 一是 二是 三是 四是 五是 第一 第二 第三 万元 亿元 应该 应当 可以 司长 局长 部长 主任
    高质量 高水平 平均 平稳 安全 全面 成本 成为 成果 明确 明显 明年 华为 海外 海关 商务 商品 师生
    云南 江苏 江西 江南 南方 南京 东方 文化 文明 金融 金额 石油 宁夏 宁波 常态 常规 国际 国内 国务院
    时期 时代 于是 向着 关于 关键 谈判 尚未 尚需 毕竟 单位 单一 单独 强化 强调 强劲 花费 印发 印度
    马上 高度 任何 成为 成功 成效 成绩 全面 全部 全体 全力 全年 安排 方面 方式 方案 方向 关注 关系
    时候 常态化 明确 明显 应用 应对 项目 程度 管理 解决 解读 解释 严格 严重 文件 车辆 连续 简单 普遍
    宣传 宣布 支持 平台 计划 战略 智能 展开 展示 修订 诸多 鲜明 隆重 揭示 衡量 幸福 危机 储备 原则
    向大家 向记者 向社会 向全国 向媒体 向各位 向外界 于近日 于日前 于今年 于去年 于本月 于昨日 于今日
    于当天 于上午 于下午 于会上 于近期 于此前 于上周 于本周 任务 任期 党委 党组 党员 农业 农村 商业 卫生
""")) | frozenset(words("""
    沈阳 武汉 常州 温州 许昌 江门 韶关 金华 邵阳 黄山 黄石 贺州 福州 石家庄 曲靖 安庆 安阳 宁波 宁德 柳州
    桂林 杭州 苏州 徐州 包头 唐山 秦皇岛 邢台 郑州 吉林 成都 张家口 张家界 乐山 汉中 周口 焦作 商丘 钦州
    湛江 惠州 梅州 云浮 贵阳 南京 南昌 南宁 兰州 西安 太原 合肥 海口 银川 拉萨 昆明 济南 青岛 大连 厦门
    深圳 广州 香港 澳门 台北 高雄 扬州 泉州 漳州 潮州 台州 衢州 湖州 嘉兴 绍兴 丽水 舟山 洛阳 开封 岳阳
    常德 衡阳 襄阳 宜昌 荆州 孝感 黄冈 鄂州 十堰 随州 咸宁 恩施 毕节 遵义 安顺 铜仁 凯里 鹤岗 鸡西 伊春
    佳木斯 牡丹江 黑河 大庆 齐齐哈尔 哈尔滨 长春 四平 通化 白山 松原 白城 延吉 温岭 义乌 昆山 江阴 常熟
    """))  # cities a headline opens with (沈阳：出租房…) that read like names
# characters that do not stand in a given name
NOT_GIVEN = frozenset("的了们着者这那该每各其和与及等说称对从被把让将也都就还又并均已即在是记表示指介绍议党")

# -- places ------------------------------------------------------------------------------

PROVINCES = words("""
    北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东
    海南 四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门
""")
PROVINCE_SUFFIXES = words("省 市 自治区 壮族自治区 回族自治区 维吾尔自治区 特别行政区")

# -- organization words -------------------------------------------------------------------

# what a department, bureau or office ends with (the parts of 甘肃省委宣传部新闻处, 投资司 …)
UNIT_SUFFIXES = words("""
    办公厅 办公室 司 局 处 厅 科 室 中心 部 委员会 委 办 署 所 院 政府 人民政府 人大常委会 常委会 政协
    纪委 监委 法院 检察院 分行 支行 中心支行 营业管理部 分局 分署 分会 总局 总队 支队 调查队 总部
""")
BRANCH_SUFFIXES = frozenset(words("分行 支行 中心支行 营业管理部 分公司 分署 总部 调查总队 调查队 监管局 监管分局"))
# local offices named after their city without 市: 广州海关, 北京证监局, 上海监管局
GOV_SUFFIXES = words("海关 证监局 银保监局 银保监分局 金融监管局 监管局 税务局 银监局 保监局 管委会 管理委员会")
# an organization ends with one of these; the kind follows from it
OTHER_SUFFIXES = words("""
    协会 学会 商会 联合会 基金会 促进会 研究会 交易所 大学 学院 研究院 研究所 科学院 工程院 组委会
    委员会 联盟 总会 联合体 分校 医院 人民医院 中医院 附属医院 卫生院 疾病预防控制中心 疾控中心
    合作社 专业合作社 股份经济合作社
""")
COMPANY_SUFFIXES = words("有限公司 有限责任公司 股份有限公司 集团有限公司 集团股份有限公司 控股集团 集团公司 集团 公司")
MEDIA_SUFFIXES = words("""
    日报 晚报 早报 时报 商报 晨报 都市报 青年报 经济报 导报 周报 报社 报 新闻社 通讯社 社 新闻网 网
    新闻 电视台 广播电台 电台 卫视 杂志 周刊 杂志社 客户端 频道 财经 在线 联播 资讯 观察 传媒 媒体
""")
# these begin a stretch that is not a name of a particular body
GENERIC_HEADS = words("""
    相关 有关 各 各级 各类 各地 该 本 这家 那家 这些 其 下属 所属 直属 多家 一些 部分 主要 重点 上述 此 行业 龙头 某
    全国 全省 全市 全县 全区
""")
# whole names that are classes of bodies, not one body
GENERIC_NAMES = frozenset(words("""
    上市公司 子公司 母公司 平台公司 融资担保公司 担保公司 保险公司 证券公司 基金公司 信托公司 租赁公司
    外资公司 民营公司 国有公司 科技公司 投资公司 管理公司 咨询公司 物流公司 能源公司 建筑公司 房地产公司
    贸易公司 金融公司 电力公司 电网公司 航空公司 商业银行 证券交易所 数据交易所 行业协会 产业联盟
    企业集团 产业集团 龙头企业 高等院校 高校 科研院所 研究机构 委员会 组委会 联合会 协会 学会 商会
    大学 学院 研究院 研究所 交易所 集团 公司 控股 本报 本台 本刊 本网 我台 我报 党委 政府 人民政府
    地方政府 各级政府 省委 市委 县委 区委 全省 全市 全国 居委会 村委会 社区居委会 管委会 董事会 监事会
    股东会 理事会 常委会 党组 纪委 监委 宣传部 组织部 统战部 办公厅 办公室 中心 联合体 创新联合体 产业联合体
    合作社 专业合作社 外资医院 外商独资医院 民营医院 公立医院 定点医院 医院 跨国公司 地区总部 外资企业
    三级医院 二级医院 一级医院 县医院 县级医院 乡镇卫生院 卫生院 社区卫生服务中心 专科联盟 医疗中心
"""))

# words that end a name stretch on its left: what comes before an organization in a sentence
LEAD_WORDS = words("""
    根据 按照 通过 组建 接受 提交 来自 包括 其中 此外 同时 另外 会上 记者 今年 去年 明年 目前 日前 近日 近期 今天 昨天
    当天 上午 下午 晚间 表示 指出 介绍 透露 发布 印发 出台 公布 举办 召开 举行 参加 出席 主办 承办 指导
    支持 组织 成立 设立 推动 推进 引导 鼓励 要求 提出 发起 牵头 委托 批准 授权 获得 入选 加入 携手 依托
    例如 联合 会同 以及 我们 我国 他们 各位 广大 中外 国内外 境内外 等地 各地 认为 强调 宣布 显示 预测
    预计 称赞 邀请 代表 参与 围绕 针对 面向 关于 对于 作为 成为 设在 位于 以来 期间 之后 之前 并且
    前三季度 前两季度 一季度 二季度 三季度 四季度 上半年 下半年 全年 年初 年底 年末 月底 月初 近年来
    近年 此前 随后 当前 同期 今年以来 去年以来 目前为止 截至 截止 曾任 现任 时任 原任 担任 兼任 出任 先生 女士
    向 据 由 在 从 被 让 请 把 将 于 的 了 是 称 说 对 与 和 及 同 为 经 跟 给 兼
""")
# the first two characters of names that begin with a leading word: 对外经济贸易大学, 同济大学
LEAD_EXCEPTIONS = frozenset(words("对外 同济 经济 和平 和谐 同仁 为民 经贸 对口 同方 和讯"))
# leading words that may also sit inside a name (联合国, 全国人民代表大会, 中共中央组织部) cut it only at its start
LEAD_START_ONLY = frozenset(words("""
    联合 代表 组织 支持 推动 推进 引导 鼓励 指导 成立 设立 发起 牵头 委托 批准 授权 主办 承办 关于 面向
    参与 围绕 针对 作为 成为 以及 并且 期间 之后 之前 位于 设在 会同 加入 携手 依托 包括 获得
"""))
# what may follow an organization name
ORG_FOLLOWERS = words("""
    表示 介绍 指出 发布 印发 出台 召开 举行 举办 联合 会同 在 于 将 对 和 与 及 的 等 是 也 还 已 称 说
    日前 近日 今天 昨天 今年 官网 网站 公布 披露 透露 组织 牵头 主办 承办 指导 批准 下发 部署 要求 提出
    强调 认为 预计 预测 显示 共同 正式 首次 开展 启动 制定 统计 数据 消息 新闻发布会 发布会 负责人
    有关负责人 相关负责人 发言人 会议 党组 主要 近期 日 月 注意到 了解到 获悉 报道 讯 电 记者 编辑 工作人员
    局长 司长 处长 举报 同意 研究 审议 决定 通过 授权 委托
""")
# what the name of a unit cannot contain: a verb, a function word, another kind of body
UNIT_STOPS = words("""
    的 了 在 将 对 向 为 是 把 被 也 还 已 并 从 到 又 都 就 等 相关 有关 各 表示 介绍 指出 举行 召开 发布
    印发 出台 推进 加快 支持 联合 会同 开展 主持 出席 参加 会议 会上 今年 去年 目前 近日 日前 记者
    负责人 公司 方面 工作 我们 这 那 其 通过 包括 以及 同时 今天 昨天 举办 介绍 部门
    部署 部分 全部 内部 外部 局部 签署 处理 办理 格局 布局 决策 落实 贯彻 认真 大学 学院 协会 集团
""")
# words ending in 市 or 县 that are not cities
NOT_CITIES = frozenset(words("""
    上市 超市 股市 楼市 车市 开市 入市 退市 闭市 全市 本市 该市 各市 我市 同市 跨市 全县 本县 该县 各县
"""))
# the opening of a short form an article declares: （以下简称“中能储集团”）, (下称《纲要》)
DECLARED = r"[（(](?:以下)?(?:简称|下称|簡稱|下稱)[:：]?"

# foreign states: the bodies and posts after them are not China's (美国国务院, 塞尔维亚共和国第一副总理)
FOREIGN_STATES = words("""
    共和国 王国 联邦 合众国 酋长国 公国 斯坦 美国 日本 英国 法国 德国 俄罗斯 韩国 朝鲜 印度 巴西 南非 澳大利亚
    加拿大 意大利 西班牙 越南 泰国 新加坡 马来西亚 印度尼西亚 印尼 菲律宾 伊朗 沙特 埃及 墨西哥 阿根廷 土耳其
    以色列 乌克兰 波兰 荷兰 瑞士 瑞典 挪威 芬兰 丹麦 比利时 奥地利 希腊 葡萄牙 新西兰 蒙古 老挝 柬埔寨 缅甸
    尼泊尔 斯里兰卡 孟加拉国 塞尔维亚 匈牙利 捷克 欧盟 智利 秘鲁 古巴 尼日利亚 肯尼亚 埃塞俄比亚 阿联酋 卡塔尔
""")
# X区 that are kinds of area, not districts with a government
NOT_DISTRICTS = frozenset(words("""
    地区 园区 社区 辖区 城区 景区 片区 小区 街区 矿区 灾区 山区 牧区 市区 郊区 林区 库区 厂区 校区 营区 战区
    特区 湾区 老区 边区 产区 分区 专区 禁区 误区 盲区 雷区 范区 验区 发区 税区 贸区 能区 聚区 作区 导区 心区
    全区 本区 该区 各区 我区 跨区 城区 试区 控区 护区 口区
"""))
# what comes before 记者 without being an outlet
NOT_MEDIA = frozenset(words("本报 本台 本刊 本网 我台 我报 特约 见习 实习 首席 新闻 今年 去年 记者 各位"))
