"""The fixed vocabulary of ../shared/docs/ASSESSMENT.md: rounds, grades, flags, competencies.

Ids are stable API: never rename one, only add beside them.
"""

from __future__ import annotations

from typing import Literal

RoundId = Literal[
    "ml_system_design",
    "ai_product_sense",
    "technical_deep_dive",
    "responsible_ai",
    "behavioral",
    "portfolio_bullet",
]
FlagId = Literal[
    "deterministic_mindset",
    "buzzword_without_depth",
    "no_tradeoffs",
    "eval_gap",
    "no_guardrails",
    "ignores_responsible_ai",
    "ai_bolt_on",
    "no_data_strategy",
    "no_lifecycle",
    "no_ownership",
]
CompetencyId = Literal[
    "problem_framing",
    "technical_depth",
    "data_strategy",
    "evaluation",
    "risk_and_responsibility",
    "lifecycle",
    "product_judgment",
    "ownership_and_leadership",
]
DecisionId = Literal["strong_hire", "hire", "no_hire", "strong_no_hire"]

ROUNDS: dict[str, str] = {
    "ml_system_design": "ML system design",
    "ai_product_sense": "AI product sense",
    "technical_deep_dive": "Technical deep-dive",
    "responsible_ai": "Responsible AI",
    "behavioral": "Behavioral",
    "portfolio_bullet": "Portfolio bullet",
}
ROUND_PURPOSE: dict[str, str] = {
    "ml_system_design": "Turning a product goal into an ML system: data, features, model choice, "
    "training and inference, latency, evaluation, deployment, monitoring.",
    "ai_product_sense": "Designing AI and generative products: capability vs limitation, uncertainty, "
    "guardrails, evaluating probabilistic output, launch and iteration.",
    "technical_deep_dive": "Conceptual ML fluency: paradigms, task types, over/underfitting, metrics, "
    "model families and their trade-offs.",
    "responsible_ai": "Bias and fairness, privacy and consent, explainability, safety and regulation, "
    "applied to a concrete product.",
    "behavioral": "Leadership and collaboration stories about AI work: ownership, disagreement, "
    "setbacks, influence.",
    "portfolio_bullet": "One resume or portfolio line about AI work, read against a target role.",
}

GRADE_DECISIONS: dict[int, str] = {4: "strong_hire", 3: "hire", 2: "no_hire", 1: "strong_no_hire"}
DECISION_LABELS: dict[str, str] = {
    "strong_hire": "Strong hire",
    "hire": "Hire",
    "no_hire": "No hire",
    "strong_no_hire": "Strong no hire",
}

FLAGS: dict[str, str] = {
    "deterministic_mindset": "Treats a probabilistic or generative system as deterministic.",
    "buzzword_without_depth": "Generic AI claims or jargon with no named approach, data, mechanism, "
    "how or why.",
    "no_tradeoffs": "Proposes an approach without weighing an alternative or a cost.",
    "eval_gap": "No credible evaluation plan: no fitting offline metric, offline confused with online, "
    "or a wrong metric.",
    "no_guardrails": "A generative feature with no handling of hallucination, unsafe output, fallbacks "
    "or human escalation.",
    "ignores_responsible_ai": "Ignores (or dismisses) fairness, privacy, consent, transparency or safety "
    "where the product raises them.",
    "ai_bolt_on": "AI added at the edge of an unchanged product instead of designing around the model.",
    "no_data_strategy": "Silent on training or evaluation data: sources, labels, quality, cold start, "
    "feedback loops.",
    "no_lifecycle": "Ignores life after launch: monitoring, drift, retraining, graceful degradation.",
    "no_ownership": "AI work the candidate only integrated or watched, with no part in model choice, "
    "data, metrics or tuning.",
}

COMPETENCIES: dict[str, str] = {
    "problem_framing": "Business goal to ML problem; when ML is (not) the right tool; success defined.",
    "technical_depth": "Approaches, model families, architecture, latency, and their trade-offs.",
    "data_strategy": "Sources, labeling, quality, cold start, feedback loops.",
    "evaluation": "Offline metrics fit for the task, online experiments, human review of generative output.",
    "risk_and_responsibility": "Guardrails, failure handling, fairness, privacy, consent, explainability, "
    "safety.",
    "lifecycle": "Deployment, monitoring, drift, retraining, graceful degradation.",
    "product_judgment": "User value, AI-native design around capabilities and limits, prioritising "
    "under uncertainty.",
    "ownership_and_leadership": "Own part in AI work, influence, handling disagreement and setbacks.",
}
COMPETENCY_LABELS: dict[str, str] = {
    "problem_framing": "Problem framing",
    "technical_depth": "Technical depth",
    "data_strategy": "Data strategy",
    "evaluation": "Evaluation",
    "risk_and_responsibility": "Risk and responsibility",
    "lifecycle": "Lifecycle",
    "product_judgment": "Product judgment",
    "ownership_and_leadership": "Ownership and leadership",
}
FLAG_COMPETENCIES: dict[str, tuple[str, ...]] = {
    "buzzword_without_depth": ("problem_framing", "technical_depth"),
    "no_tradeoffs": ("technical_depth",),
    "no_data_strategy": ("data_strategy",),
    "eval_gap": ("evaluation",),
    "deterministic_mindset": ("evaluation", "product_judgment"),
    "no_guardrails": ("risk_and_responsibility",),
    "ignores_responsible_ai": ("risk_and_responsibility",),
    "no_lifecycle": ("lifecycle",),
    "ai_bolt_on": ("product_judgment",),
    "no_ownership": ("ownership_and_leadership",),
}

RoleId = Literal["member", "coach"]
ROLE_LABELS: dict[str, str] = {"member": "Member", "coach": "Coach"}
# Target roles (job descriptions): the product domains, levels and named skills a description is read for.
TARGET_DOMAINS: dict[str, str] = {
    "fraud-risk": "Fraud and risk",
    "fintech-credit": "Credit and lending",
    "ads": "Ads",
    "search": "Search",
    "recommendations": "Recommendations",
    "health": "Health",
    "generative-assistants": "Generative assistants",
    "agents": "Agents",
    "enterprise-copilots": "Enterprise copilots",
    "customer-support": "Customer support",
    "trust-safety": "Trust and safety",
    "computer-vision": "Computer vision",
    "voice-assistants": "Voice assistants",
    "developer-tools": "Developer tools",
    "marketplaces": "Marketplaces",
    "forecasting": "Forecasting",
    "ml-platform": "ML platform",
}
LEVELS: dict[str, str] = {
    "mid": "Product manager",
    "senior": "Senior",
    "staff": "Staff or principal",
    "group": "Group, director or head",
}
SKILLS: dict[str, str] = {
    "llm-evaluation": "LLM evaluation",
    "experimentation": "Experimentation",
    "recommender-systems": "Recommender systems",
    "ranking": "Ranking",
    "search-relevance": "Search relevance",
    "rag": "Retrieval-augmented generation",
    "fine-tuning": "Fine-tuning",
    "prompt-design": "Prompt design",
    "safety": "Safety",
    "fairness": "Fairness",
    "privacy": "Privacy",
    "explainability": "Explainability",
    "data-labeling": "Data labeling",
    "model-monitoring": "Model monitoring",
    "mlops": "MLOps",
    "forecasting-models": "Forecasting models",
    "computer-vision-models": "Computer vision models",
    "speech": "Speech recognition",
    "tool-use": "Agent tool use",
    "calibration": "Calibration and thresholds",
    "sql": "SQL and analysis",
}
STORY_PARTS: dict[str, str] = {
    "situation": "Situation",
    "task": "Task",
    "actions": "Actions",
    "result": "Result",
    "approach": "Model or approach",
    "data": "Data",
    "metric": "Metric before and after",
    "tradeoff": "Trade-off or decision",
    "failure": "What went wrong and what you changed",
    "guardrail": "Guardrail",
}
# The delivery report of a spoken answer: one label per figure.
DELIVERY_FIGURES: dict[str, str] = {
    "rate": "Speaking rate",
    "fillers": "Filler words",
    "pauses": "Long pauses",
    "hedges": "Hedges",
    "opening": "First 30 seconds",
    "talk_time": "Talk time",
}
DELIVERY_STATUS: dict[str, str] = {"good": "On target", "watch": "Work on it"}
# Short names for flags, as a user reads them in a list; FLAGS holds the one-line explanation.
FLAG_LABELS: dict[str, str] = {
    "deterministic_mindset": "Treats the model as always right",
    "buzzword_without_depth": "Buzzwords without depth",
    "no_tradeoffs": "No trade-offs weighed",
    "eval_gap": "No credible evaluation plan",
    "no_guardrails": "No guardrails for bad output",
    "ignores_responsible_ai": "Ignores responsible AI",
    "ai_bolt_on": "AI bolted on",
    "no_data_strategy": "No data strategy",
    "no_lifecycle": "Nothing after launch",
    "no_ownership": "No personal ownership",
}
# The hiring committee's rules (interview/committee.py) by id.
RULE_LABELS: dict[str, str] = {
    "two_failed_rounds": "Two failed rounds",
    "failed_round": "A failed round",
    "cannot_build_it": "Could not build it",
    "split_panel": "Split panel",
    "strong_across_the_board": "Strong across the board",
    "hire": "No blocking rule",
}
SESSION_KIND_LABELS: dict[str, str] = {"loop": "Full loop", "round": "Single round"}
SESSION_STATUS_LABELS: dict[str, str] = {"active": "In progress", "finished": "Finished"}
EXERCISE_LABELS: dict[str, str] = {
    "classification": "Classification metrics",
    "threshold": "Thresholds",
    "ranking_auc": "Ranking: ROC AUC",
    "ranking_topk": "Ranking: top-k metrics",
    "regression": "Forecast error",
    "ab_test": "A/B test lift",
    "token_cost": "Inference token cost",
    "eval_interval": "Eval pass rate: interval and sample size",
    "rater_agreement": "Rater agreement (Cohen's kappa)",
}
PLAN_ITEM_LABELS: dict[str, str] = {
    "mock_round": "Mock round",
    "loop": "Full loop",
    "drill": "Drill",
    "exercise": "Exercise",
    "study": "Study",
    "rest": "Rest",
}
# How a folded week of the plan counts its items: (one, several).
PLAN_ITEM_COUNTS: dict[str, tuple[str, str]] = {
    "mock_round": ("mock round", "mock rounds"),
    "loop": ("mock loop", "mock loops"),
    "drill": ("drill session", "drill sessions"),
    "exercise": ("metric exercise", "metric exercises"),
    "study": ("study session", "study sessions"),
    "rest": ("rest day", "rest days"),
}
# The two lists of a grade-4 anchor (bank/models.py TopAnchor), headed so on question pages and `bank show`.
ANCHOR_LISTS: dict[str, str] = {
    "must_show": "Must show (all of these)",
    "also": "Also covers (most of these)",
}
ENGINE_LABELS: dict[str, str] = {
    "rubric": "offline rubric engine",
    "llm": "LLM judge",
    "ensemble": "ensemble of both",
}
# Every id a user could meet, with its label; `plain` looks here first.
_LABELS: tuple[dict[str, str], ...] = (
    ROUNDS,
    FLAG_LABELS,
    COMPETENCY_LABELS,
    DECISION_LABELS,
    RULE_LABELS,
    SESSION_KIND_LABELS,
    SESSION_STATUS_LABELS,
    EXERCISE_LABELS,
    PLAN_ITEM_LABELS,
    ENGINE_LABELS,
    ANCHOR_LISTS,
    TARGET_DOMAINS,
    SKILLS,
    STORY_PARTS,
)


def plain(value: str | None, *, default: str = "—") -> str:
    """The words a user reads for an id (round, flag, competency, decision, rule, kind, slug).

    Web pages, CLI tables, Markdown and PDF debriefs all call this; ids stay in --json and the API.
    Unknown slugs read as words ("evaluation-metrics" -> "evaluation metrics").
    """
    if value is None or value == "":
        return default
    for table in _LABELS:
        if value in table:
            return table[value]
    return value.replace("_", " ").replace("-", " ")


def plain_list(values: list[str] | tuple[str, ...], *, default: str = "—") -> str:
    return ", ".join(plain(v) for v in values) or default


def all_ids() -> set[str]:
    """Every internal id with a label: tests look for these in what users see."""
    ids: set[str] = set()
    for table in _LABELS:
        ids.update(table)
    return ids
