"""The words the initiatives extractor reads: head words and their types, policy verbs,
adverbs and cut words that mark the left edge of a name, generic modifiers, topics, agencies.

All generic vocabulary of Chinese policy writing, in simplified characters; traditional
articles are matched through `kg.hanzi.to_simplified`.
"""

from __future__ import annotations

# head word -> initiative type (longest heads win: 行动计划 before 计划, 示范区 before 区)
HEADS: dict[str, str] = {
    **dict.fromkeys("规划 计划 纲要 行动计划 三年行动计划".split(), "Plan"),
    **dict.fromkeys("行动 工程 专项 活动 专项行动 工程包 试验 攻坚战 项目 督察 普查".split(), "Action"),
    **dict.fromkeys("指南 方案 办法 目录 细则 工作方案 实施方案 行动方案 解决方案 实施意见 指导意见 "
                    "建设指南 管理办法 实施细则 政策 负面清单".split(), "Guideline"),
    **dict.fromkeys("标准".split(), "Standard"),
    **dict.fromkeys("条例 协定 公约".split(), "Regulation"),
    **dict.fromkeys("基金 国债 专项债 再贷款 专项资金 补助资金 奖补资金 引导资金".split(), "Fund"),
    **dict.fromkeys("试点 示范区 先导区 基地 示范基地 试验区 自贸区 园区 示范工厂 示范城市 示范项目 "
                    "产业园 集聚区 合作区 试点县 试点城市 试点省份 开发区 高新区 经开区 功能区".split(), "Zone"),
    **dict.fromkeys("平台 中心 赋能中心 服务网 网络 社区 新通道 大通道 大走廊 经济圈".split(), "Platform"),
    **dict.fromkeys("机制 新机制 制度 体系 支持工具".split(), "Mechanism"),
}
# heads read only off a book title or a quote: 《…法》, 《…意见》, 《…倡议》, “…”建设
TITLE_HEADS: dict[str, str] = {
    **HEADS,
    **dict.fromkeys("法 法律 法典 规定 规则 议定书".split(), "Regulation"),
    **dict.fromkeys("意见 通知 决定 措施 若干措施 准则 备忘录 清单".split(), "Guideline"),
    **dict.fromkeys("倡议 宣言".split(), "Action"),
    **dict.fromkeys("规范 技术规范 规程 导则 通则".split(), "Standard"),
    **dict.fromkeys("指引 工作指引 守则".split(), "Guideline"),
    **dict.fromkeys("章程".split(), "Regulation"),
    "战略": "Plan",
}
QUOTE_HEADS = {**HEADS, "建设": "Action", "改革": "Action"}

# heads so generic that the phrase must be the object of a policy verb (建立…机制, 开展…活动)
NEEDS_VERB = set("体系 制度 机制 试验 中心 平台 社区 网络 专项 项目 活动 标准 政策 基金 专项资金 产业园 集聚区 "
                 "补助资金 奖补资金 引导资金".split())
# heads specific enough that a generic modifier still makes a name (重大工程包)
SPECIFIC = set("工程包 服务网 先导区 示范区 试验区 自贸区".split())
# policy verbs: a name starts after the last of them whose object still makes a name
TRIGGERS = (
    "制定 实施 推进 推动 开展 落实 创建 建设 建好用好 发布 修订 出台 推出 启动 构建 设立 建立 健全 完善 印发 "
    "深化 推广 强化 实行 推行 规范 商签 签署 部署 布局 探索 启用 上线 开通 发起 倡导 举办 承办 "
    "贯彻 执行 用好 加快 支持 依托 利用 打好 充实 调整 培育 筛选 形成 设置 批复 公布 颁布 施行 编制 "
    "研究制定 制订 创设 建成 建设成 打造成 试点 参与 加入 申报 认定 遴选 评选 获批 入选 聚焦 围绕 深入实施 运营"
).split()
# adverbs, particles and determiners stripped off the front of a name (and the policy verbs)
STRIP = (
    "深入 全面 加快 加力 加大 持续 进一步 积极 大力 着力 扎实 稳步 有序 不断 继续 率先 抓紧 尽快 切实 认真 统筹 "
    "动态 研究 探索 规范 组织 通过 运行 同时 此外 另外 首先 其次 再次 最后 还 也 并 又 再 将 要 已 已经 正在 "
    "全部 累计 合计 着 了 的 好 是 为 对 在 和 与 及 新的 这个 一个 这项 一项 该 此 各种 本次 此次 这次 相关 有关 各项 "
    "各类 上述 我国 我们 我部 全力 会同 协同 牵头 计划 拟 准备 即将 陆续 首次 重新"
).split() + TRIGGERS
# words after which a name starts (verbs, prepositions, time words that are never inside one)
CUTS = (
    "就是 也是 还是 在于 按照 根据 依据 依照 经过 关于 对于 针对 结合 坚持 减少 增加 降低 提高 提到 交换 听取 "
    "征求 纳入 完成 符合 引用 估计 明确 提出 认为 表示 指出 介绍 要求 希望 欢迎 出席 参加 举行 进行 采取 采用 "
    "适用 享受 获得 得到 给予 提供 包括 涉及 属于 成为 作为 进入 达到 超过 加强 做好 抓好 没有 有没有 哪些 怎样 "
    "如何 什么 已经 应该 可以 需要 难以 尚未 今年 去年 明年 当前 目前 现阶段 近年来 近年 日前 此前 届时 其中 "
    "以及 还有 以来 期间 之后 之前 以后 以前 同时 此外 另外 而非 而是 而且 并非 不是 但是 位于 修改 拿出 筹备 "
    "改变 伴随 随着 来自 比如 例如 包含 另有 只有 实现 用于 只能 由于 使用 简称 报道 本报讯 日电 因为 除了 "
    "确定 加上 有所 当属 服从 称为 评为 获评 提起 接受 安排 发行 下达 拨付 投入 动用 争取 争得 开始 统筹 现在"
).split()
# modifiers that make no name: 国家标准, 重点项目, 相关政策 …
GENERIC = (
    "相关 有关 各项 各类 重点 重大 主要 现有 国家 国家级 全国 我国 地方 公共 具体 有效 新的 新型 专门 配套 "
    "一系列 系列 多项 这些 这一 该项 此项 其他 国际 全球 各地 省级 市级 县级 区级 乡级 镇级 村级 政府 工作 管理 支持 保障 一揽子 宏观 "
    "财政 货币 产业 行业 优惠 扶持 帮扶 优质 优秀 先进 大型 中小 各种 多种 其它 一些 多个 若干 "
    "上级 中央 全省 全市 本地 当地 这种 同类 两大 三大 四大 五大 首个 首批 第一 自身 "
    "有力 积极 重要 基础 综合 整体 总体 长期 短期 近期 年度 季度 技术 业务 服务 信息 数据 网络 市场 数字 "
    "专项 创新 试点 示范 实施 发展 建设 改革 开放 合作 交流 投资 金融 监管 安全 治理 研究 咨询 评估 应急 "
    "长效 管护 常规 日常"
).split()
# topics: short sector names an initiative may be about (generic vocabulary, longest first)
TOPICS = (
    "人形机器人 具身智能 人工智能 机器人 大模型 算力 集成电路 半导体 芯片 工业互联网 互联网 数字经济 数字化转型 "
    "智能制造 智能工厂 大数据 云计算 区块链 物联网 元宇宙 量子 卫星互联网 商业航天 低空经济 北斗 新能源汽车 "
    "智能网联汽车 汽车 新能源 光伏 风电 氢能 储能 核电 电力 能源 煤炭 石油 天然气 生物医药 生物制造 医药 "
    "新材料 数据安全 网络安全 数据 中小企业 中小微企业 小微企业 民营企业 专精特新 民间投资 外资 外贸 跨境电商 "
    "消费品 消费 以旧换新 设备更新 绿色低碳 碳达峰 碳中和 节能 环保 乡村振兴 农业 粮食 养老 医疗 教育 就业 "
    "科技创新 制造业 服务业 新兴产业 未来产业 先进制造业 千兆 双千兆 自贸试验区 自由贸易试验区 保税维修 "
    "一带一路 数字化 绿色 金融 普惠金融 科创板 注册制 资本市场 基础设施 交通 铁路 物流 住房 城市更新 "
    "进口 出口 关税 人民币 信贷 知识产权"
).split()

# subjects in front of a name that the alias table of central bodies (ontology/aliases.ttl) does not hold
LOCAL_AGENCIES = "省政府 市政府 区政府 县政府 省委 市委 县委 区委 我部 本部 我委 我局 我行".split()
