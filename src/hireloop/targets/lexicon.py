"""What a job description is read for: weighted cue phrases per domain, level, round, competency
and named skill. Each cue is a regular expression matched case-insensitively on the original text,
so every finding can quote its evidence with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float


def cues(*pairs: tuple[str, float]) -> tuple[Cue, ...]:
    return tuple(Cue(re.compile(r"(?<!\w)(?:" + p + r")(?!\w)", re.IGNORECASE), w) for p, w in pairs)


DOMAIN_CUES: dict[str, tuple[Cue, ...]] = {
    "fraud-risk": cues(
        (r"fraud\w*", 2),
        (r"chargebacks?", 2),
        (r"false declines?", 2),
        (r"account takeover", 2),
        (r"anti-money laundering|\baml\b", 2),
        (r"scams?", 2),
        (r"risk decision\w*|risk operations|risk models?", 1.5),
        (r"manual review", 1),
        (r"special investigat\w*", 1),
    ),
    "fintech-credit": cues(
        (r"underwrit\w*", 2),
        (r"lending|lenders?", 2),
        (r"loans?", 2),
        (r"borrowers?", 2),
        (r"adverse action", 2),
        (r"credit (?:lines?|losses|risk|decision\w*|files?|limits?)", 2),
        (r"ecoa", 2),
        (r"credit", 1),
    ),
    "ads": cues(
        (r"ads", 2),
        (r"ad (?:platform|auction|ranking|delivery|load|revenue)", 2),
        (r"advertis\w*", 2),
        (r"auctions?", 1.5),
        (r"roas", 2),
        (r"sponsored", 2),
        (r"impressions", 1),
        (r"bid\w*", 1),
        (r"pacing", 1),
    ),
    "search": cues(
        (r"search", 2),
        (r"quer(?:y|ies)", 1),
        (r"relevance", 1),
        (r"learning[- ]to[- ]rank", 2),
        (r"information retrieval", 2),
        (r"spelling correction", 1),
    ),
    "recommendations": cues(
        (r"recommend\w*", 2),
        (r"personali[sz]\w*", 2),
        (r"(?:home |news )?feed", 1.5),
        (r"candidate generation", 1),
        (r"collaborative filtering", 2),
        (r"cold start", 1),
    ),
    "health": cues(
        (r"health\w*", 2),
        (r"clinic\w*", 2),
        (r"patients?", 2),
        (r"hospitals?", 2),
        (r"physicians?|doctors?|radiologists?|nurses?", 2),
        (r"hipaa", 2),
        (r"medical", 2),
        (r"fda", 2),
    ),
    "generative-assistants": cues(
        (r"(?:ai|writing|shopping|virtual|personal|conversational|code) assistants?", 3),
        (r"assistants?", 1),
        (r"generative", 2),
        (r"large language models?|llms?", 1),
        (r"chatbots?|chat", 1),
        (r"conversational", 2),
        (r"drafts?|summari[sz]\w*|rewrites?", 1),
        (r"hallucinat\w*", 1),
        (r"prompts?", 1),
        (r"answer generation|generated answers?|note-generation|made-up answers?|scribe", 1),
    ),
    "agents": cues(
        (r"ai agents?", 3),
        (r"agentic", 3),
        (r"agent platform", 3),
        (r"agents?(?= (?:that|which|to) )", 1),
        (r"tool[- ]calling|function[- ]calling|calling tools", 2),
        (r"autonomous", 1),
        (r"multi-step|planning and|on the \w+'s behalf", 1),
    ),
    "enterprise-copilots": cues(
        (r"copilots?", 2.5),
        (r"enterprise", 1),
        (r"workspaces?", 1),
        (r"admin controls?", 1),
        (r"knowledge (?:base|workers?|management)|across their (?:matters|documents)", 1),
        (r"it service management|it teams?", 1),
        (r"law firms?|legal departments?", 1),
    ),
    "customer-support": cues(
        (r"customer (?:support|service)", 2),
        (r"support (?:agents?|tickets?|tooling|teams?)", 2),
        (r"help (?:center|desk)", 2),
        (r"human agents?", 2),
        (r"resolution rate", 2),
        (r"tickets?", 1),
    ),
    "trust-safety": cues(
        (r"trust (?:&|and) safety", 3),
        (r"moderation", 2),
        (r"integrity", 1.5),
        (r"harassment|hate speech|spam|abuse\w*", 1),
        (r"borderline content", 1),
        (r"appeals?", 1),
        (r"prevalence", 1),
    ),
    "computer-vision": cues(
        (r"computer vision", 3),
        (r"images?|image recognition", 2),
        (r"cameras?", 2),
        (r"object detection|segmentation", 2),
        (r"photos?|photo-based", 1.5),
        (r"x-rays?|imaging|ct", 2),
    ),
    "voice-assistants": cues(
        (r"voice", 2),
        (r"speech", 2),
        (r"wake word", 2),
    ),
    "developer-tools": cues(
        (r"developers?", 2),
        (r"sdks?|apis?", 1),
        (r"ides?", 2),
        (r"code (?:completion|review|hosting)|pull requests?", 2),
        (r"github", 1),
    ),
    "marketplaces": cues(
        (r"(?:(?<=is a )|(?<=is an ))(?:[\w-]+ ){0,4}marketplace", 3),
        (r"marketplaces?", 2),
        (r"sellers?", 1),
        (r"buyers?", 1),
        (r"two-sided", 2),
        (r"listings?", 1),
        (r"shoppers?", 1),
    ),
    "forecasting": cues(
        (r"forecast\w*", 2),
        (r"demand", 1),
        (r"time series", 2),
        (r"etas?|arrival times?", 2),
        (r"mape|mean absolute error", 1),
    ),
    "ml-platform": cues(
        (r"ml platform|machine learning (?:infrastructure|platform)|ml infrastructure", 3),
        (r"feature store", 2),
        (r"model registry", 2),
        (r"model serving", 2),
        (r"training pipelines?", 1),
        (r"mlops", 2),
        (r"paved road|internal ml platform", 2),
    ),
}
# A domain counts when its cues add up to this, and to at least this share of the strongest domain's.
DOMAIN_MIN_SCORE = 3.5
DOMAIN_MIN_SHARE = 0.25
# Repeats of one cue add up to at most this many matches: a name said ten times is not ten signals.
CUE_CAP = 2
# A domain named in the job title counts at once.
TITLE_BONUS = 4.0

LEVEL_TITLE_CUES: dict[str, tuple[Cue, ...]] = {
    "group": cues(
        (r"group product manager|gpm", 1),
        (r"director", 1),
        (r"head of", 1),
        (r"vp|vice president", 1),
    ),
    "staff": cues((r"staff", 1), (r"principal", 1)),
    "senior": cues((r"senior|sr\.?", 1), (r"lead", 1)),
    "mid": cues((r"product manager(?: i{1,2}| 1| 2)?|pm(?: i{1,2})?", 1), (r"associate", 1)),
}
LEVEL_ORDER = ("group", "staff", "senior", "mid")
# Without a telling title: managing product managers means a group role; else the years asked for.
MANAGES_PMS = re.compile(
    r"(?:lead|leading|manage|managing|coach) (?:a team of )?(?:\w+ )?product managers", re.IGNORECASE
)
YEARS = re.compile(r"(\d{1,2})\s*(?:-\s*\d{1,2}\s*)?\+?\s*years", re.IGNORECASE)

ROUND_CUES: dict[str, tuple[Cue, ...]] = {
    "ml_system_design": cues(
        (r"models?", 1),
        (r"ranking|rankers?", 1),
        (r"classifiers?", 1),
        (r"feature store|features such as|feature pipelines?", 1),
        (r"training|retrain\w*", 1),
        (r"latency", 1),
        (r"pipelines?", 1),
        (r"thresholds?", 1),
        (r"detection", 1),
        (r"retrieval", 1),
        (r"machine learning|ml", 1),
        (r"model serving|serving", 1),
        (r"candidate generation", 1),
        (r"forecasts?|predictions?", 1),
    ),
    "ai_product_sense": cues(
        (r"(?:\w+ )?experiences?", 1),
        (r"assistants?", 1),
        (r"generative|llms?|large language models?|conversational", 1),
        (r"uncertain\w*|i don't know", 1),
        (r"hand-?offs?|hands off|escalat\w*", 1),
        (r"refuse|misunderstands?", 1),
        (r"agents?", 1),
        (r"how (?:users|clinicians|drivers|developers) (?:review|correct|debug)", 1),
        (r"product vision|vision for", 1),
        (r"suggest\w*|chat", 1),
    ),
    "technical_deep_dive": cues(
        (r"technical (?:depth|background)|technical enough|hands-on", 2),
        (r"precision|recall|ndcg|roc-auc|auc|log loss|calibration|mape|map|mean absolute error", 1),
        (r"comfortable (?:discussing|with)|comfort with|fluency in|deep understanding", 1),
        (r"understanding of", 1),
        (r"embeddings|collaborative filtering|time series|sql|mlops|kubernetes|mAP", 1),
        (r"offline (?:ranking )?metrics|model evaluation|evaluation", 1),
        (r"experiments?|experimentation", 0.5),
    ),
    "responsible_ai": cues(
        (r"fair\w*|bias\w*|discriminat\w*|disparate", 2),
        (r"privacy", 2),
        (r"safety|safe|unsafe", 2),
        (r"consent", 2),
        (r"hipaa|ecoa|digital services act|510\(k\)", 2),
        (r"compliance|complian\w*|regulat\w*", 1),
        (r"explainab\w*|explained|explain\w*", 1),
        (r"guardrails?|red-?team\w*", 1),
        (r"hallucinat\w*|made-up|prompt injection", 1),
        (r"audit\w*|transparency", 1),
    ),
    "behavioral": cues(
        (r"lead\w*|leader\w*", 1),
        (r"influenc\w*", 1),
        (r"stakeholders?", 1),
        (r"cross-functional\w*|across (?:teams|engineering)", 1),
        (r"mentor\w*|coach\w*", 1),
        (r"alignment|align", 1),
        (r"communicat\w*|collaborat\w*", 1),
        (r"ambigu\w*", 1),
        (r"work (?:closely )?with|partner\w*|talk to|teams?", 1),
    ),
}
ROUND_MIN_SCORE: dict[str, float] = {
    "ml_system_design": 3.0,
    "ai_product_sense": 4.0,
    "technical_deep_dive": 3.0,
    "responsible_ai": 3.0,
    "behavioral": 1.0,
}

COMPETENCY_CUES: dict[str, tuple[Cue, ...]] = {
    "problem_framing": cues(
        (r"strategy|vision|direction", 1), (r"define (?:success|the|what)|success beyond", 1)
    ),
    "technical_depth": ROUND_CUES["technical_deep_dive"],
    "data_strategy": cues(
        (r"labels?|labeling|annotat\w*", 1),
        (r"ground truth|training data|data quality|alternative data", 1),
        (r"cold start|feedback loop", 1),
        (r"data", 0.5),
    ),
    "evaluation": cues(
        (r"evaluat\w*", 1),
        (r"metrics?", 1),
        (r"a/b tests?|experiments?|backtests?", 1),
        (r"accuracy|precision|recall|ndcg|mape", 1),
        (r"human (?:review|ratings)|physician review|reader studies", 1),
    ),
    "risk_and_responsibility": ROUND_CUES["responsible_ai"],
    "lifecycle": cues(
        (r"monitor\w*", 1),
        (r"drift", 1),
        (r"retrain\w*", 1),
        (r"after (?:launch|deployment)", 1),
        (r"rollback|roll back|release", 1),
    ),
    "product_judgment": cues(
        (r"roadmap", 1), (r"prioriti[sz]\w*", 1), (r"experience", 0.5), (r"trade-?offs?|balance", 1)
    ),
    "ownership_and_leadership": ROUND_CUES["behavioral"],
}
COMPETENCY_MIN_SCORE = 2.0

SKILL_CUES: dict[str, tuple[Cue, ...]] = {
    "llm-evaluation": cues(
        (r"llm-as-judge|golden (?:question )?sets?|groundedness|evaluation (?:sets?|harness|program)", 1),
        (r"hallucinat\w* rates?|human ratings", 1),
    ),
    "experimentation": cues((r"a/b tests?|experiments?|experimentation|champion-challenger", 1)),
    "recommender-systems": cues(
        (r"recommend(?:er|ation) (?:systems?|models?)|collaborative filtering|personali[sz]ation", 1)
    ),
    "ranking": cues((r"ranking|learning[- ]to[- ]rank|re-ranking|rankers?", 1)),
    "search-relevance": cues((r"search relevance|relevance judg\w*|query understanding", 1)),
    "rag": cues((r"retrieval-augmented|\brag\b|retrieval over|grounded in", 1)),
    "fine-tuning": cues((r"fine-tun\w*", 1)),
    "prompt-design": cues((r"prompt (?:design|engineering)", 1)),
    "safety": cues((r"safety|guardrails?|red-?team\w*|prompt injection", 1)),
    "fairness": cues((r"fair\w*|bias\w*|disparate impact|non-discriminatory", 1)),
    "privacy": cues((r"privacy|hipaa|consent|data residency", 1)),
    "explainability": cues((r"explainab\w*|explained|adverse action", 1)),
    "data-labeling": cues((r"label\w*|annotat\w*|judgment sets?", 1)),
    "model-monitoring": cues((r"monitor\w*|drift", 1)),
    "mlops": cues((r"mlops|feature store|model registry|model serving|training pipelines?", 1)),
    "forecasting-models": cues((r"forecast\w*|time series", 1)),
    "computer-vision-models": cues((r"computer vision|object detection|segmentation|image recognition", 1)),
    "speech": cues((r"speech recognition|speech|wake word", 1)),
    "tool-use": cues((r"tool[- ]calling|function[- ]calling|calling tools|tools? in", 1)),
    "calibration": cues((r"calibrat\w*|thresholds?|operating point", 1)),
    "sql": cues((r"sql", 1)),
}

AI_ROLE = cues(
    (r"llms?|large language models?|generative|speech recognition", 1),
    (r"machine learning|ml|ai", 1),
    (r"models?", 1),
    (r"classifiers?|recommend\w*|ranking|forecast\w*|computer vision|predictions?", 1),
)
AI_ROLE_MIN = 3.0

RESPONSIBILITY_HEADINGS = re.compile(
    r"^\s*#*\s*(?:what you(?:'|’)?ll (?:do|own)|what you will (?:do|own)|responsibilities|in this role|"
    r"the role|about the role|you will:?|your (?:role|impact)|key responsibilities)\b",
    re.IGNORECASE,
)
OTHER_HEADINGS = re.compile(
    r"^\s*#*\s*(?:what you bring|what we(?:'|’)?re looking for|what we look for|what you need|"
    r"requirements|qualifications|about you|you have|you bring|about (?:us|the team)|benefits)\b",
    re.IGNORECASE,
)
LIST_MARK = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
