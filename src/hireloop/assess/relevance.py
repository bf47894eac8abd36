# ruff: noqa: E501
"""Which flags a round and question make relevant, and why (the part of the question that calls for it).

Decided from the round id and the question text (bank or free text); bank notes, rubric and listed
competencies, when given, add to the question text as extra signal.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from hireloop.assess import lexicon as lx
from hireloop.assess.models import GradingRequest
from hireloop.assess.text import MAX_CHARS, STOPWORDS

_I = re.IGNORECASE
GENERATIVE = re.compile(
    r"\bllms?\b|\bgpt\w*|\bchat ?bots?\b|\b(?:ai|writing|chat|coding|llm|virtual|generative|email|support) assistants?\b|\bcopilots?\b|\bgenerative\b|\bgenerated?\b|\bgen ?ai\b"
    r"|\bwriting\b|\bdraft(?:s|ed|ing)?\b|\bsummar\w+|\bagents?\b(?! (?:edit|review))|\bconversational\b"
    r"|\btext-to-\w+|\bprompts?\b|\blanguage models?\b|\bimage (?:generation|editing)\b|\bdiffusion\b",
    _I,
)
SENSITIVE = re.compile(
    r"\bfriends?\b|\bsocial\b|\bpeople\b|\bfaces?\b|\bfacial\b|\bphotos?\b|\bimages?\b|\bcamera\b|\bvoice\b"
    r"|\brecordings?\b|\baudio\b|\bvideos?\b|\bloans?\b|\bcredit\b|\blending\b|\binsurance\b|\bhiring\b"
    r"|\brecruit\w*|\bresumes?\b|\bcandidates\b|\bhealth\b|\bmedical\b|\bpatients?\b|\bchild\w*|\bkids?\b"
    r"|\bteens?\b|\bstudents?\b|\bemployees?\b|\bdocuments?\b|\bemails?\b|\bmessages?\b|\blocation\b"
    r"|\bbiometric\b|\bsurveillance\b|\bdating\b|\bconsent\b|\bprivacy\b|\bfair(?:ness)?\b|\bbias\b"
    r"|\bapplicants?\b|\bneighbou?rhoods?\b|\bwelfare\b|\bpolic(?:e|ing)\b|\bminors?\b|\bpersonal\b"
    r"|\bselfies?\b|\bhate[- ]speech\b|\bmoderat\w+|\bhousing\b|\breal[- ]estate\b|\btenants?\b|\bsymptoms?\b"
    r"|\bworkers?\b|\bgig\b|\btherap\w+|\bmental\b|\bidentity\b|\bverification\b|\bmessaging\b|\binbox\w*|\bchats?\b"
    r"|\bwhile driving\b|\bbehind the wheel\b|\bin-car\b|\b(?:for|in|inside) (?:the |their )?(?:cars|vehicles|trucks)\b|\bcockpits?\b",
    _I,
)
BUILDS = re.compile(
    r"\bdesign\w*\b|\bbuild\b|\bcluster\w*|\bclassif\w+|\btrain(?:ing)?\b|\bdata(?:set)?\b|\bfeatures?\b"
    r"|\blabels?\b|\brecordings?\b|\bcustomers\b|\brecommend\w*|\bpredict\w*|\bforecast\w*|\brank\w*",
    _I,
)
LIVE = re.compile(
    r"\bbuilt\b|\bproduction\b|\bdeploy\w*|\blive\b|\blaunch\w*|\bship\w*|\bin use\b|\bover time\b|\bdrift\b"
    r"|\bmonitor\w*|\bafter\b|\bmaintain\w*|\bretrain\w*",
    _I,
)
EVAL_QUESTION = re.compile(
    r"\bmetrics?\b|\bmeasur\w+|\bevaluat\w+|\bauc\b|\bprecision\b|\brecall\b|\boverfit\w*|\bnotice\b"
    r"|\baccuracy\b|\btest\w*|\bready\b|\bvalidat\w+|\bsuccess\b|\bquality\b|\bcluster\w*|\bclassifier\b"
    r"|\bf1\b|\brmse\b|\bndcg\b|\bmislead\w*",
    _I,
)
GENERATIVE_SYSTEM = re.compile(
    r"\bllms?\b|\bgpt-?\w*|\b(?:large )?language models?\b|\bgenerative (?:ai|models?)\b|\bgen ?ai\b|\bchat ?bots?\b"
    r"|\bdiffusion models?\b|\b(?:claude|gemini|llama|mistral)\b",
    _I,
)
"""A generative model the answer itself proposes to build on (narrower than GENERATIVE: named models only)."""
CHOICE_QUESTION = re.compile(
    r"\bwhen (?:would|should|do|does|can) (?:you|we|a team|it) (?:\w+ )?(?:use|choose|pick|prefer|need|cluster|train|go|apply|reach)\b"
    r"|\binstead of\b|\brather than\b|\bversus\b|\bvs\.?|\bover (?:a|an|the)\b|\bwhich (?:one|of|approach|model|metric)\b"
    r"|\bdecide\b|\bchoos\w+|\bchoice\b|\btrade-?offs?\b|\bmislead\w*|\bpros and cons\b|\bcompare\b|\bapproaches\b"
    r"|\bwhen (?:is|are) \w+ (?:better|worse|the right)\b|\bstrengths and weaknesses\b|\bwhen (?:can|does|do) (?:it|they) (?:fail|break)\b",
    _I,
)
"""A deep-dive question that asks the candidate to choose between options or name where one fails: there an
answer owes a weighed trade-off. A question that asks to explain, detect or evaluate one thing does not
("what is data leakage and how would you catch it?"), and committees do not write the gap down there."""
AI_STORY = re.compile(r"\bmodels?\b|\bml\b|\bai\b|\bllms?\b|\balgorithm\w*|\bclassifier\b|\bpredict\w*", _I)


@dataclass(frozen=True, slots=True)
class Relevance:
    """One flag's relevance: how it is checked and the question words that call for it."""

    mode: str
    """"absence": raised when the concept is missing; "signal": only on explicit warning signs; "minor": named
    only in an otherwise strong answer; "silent": the gap weighs on the grade like an absence but is not
    named, since committees do not write it down for this question (see SILENT)."""
    why: str


@dataclass(slots=True)
class Context:
    """What the round and question ask of an answer."""

    round: str
    question: str
    generative: bool = False
    sensitive: bool = False
    sensitive_from_answer: bool = False
    generative_from_answer: bool = False
    """A product-sense answer that proposes an LLM the question did not name: guardrails are owed, but its
    usage metrics are not read as a verdict on generated output the question never asked for."""
    flags: dict[str, Relevance] = field(default_factory=dict)

    def mode(self, flag: str) -> str | None:
        rel = self.flags.get(flag)
        return rel.mode if rel else None


def _cue(rx: re.Pattern[str], text: str) -> str | None:
    m = rx.search(text)
    return m.group(0) if m else None


@functools.lru_cache(maxsize=4096)
def _qcue(rx: re.Pattern[str], text: str) -> str | None:
    """``_cue`` on the question side (question, notes, rubric): the same for every answer to a question."""
    return _cue(rx, text)


_DATA_WORDS = re.compile(r"\btrain|\bdata|\brecordings?\b|\blabels?\b", _I)


def build_context(request: GradingRequest) -> Context:
    """Decide which flags apply to this round and question, and how each is checked."""
    rnd = request.round
    q = request.question.strip()
    extra = " ".join([*request.notes, *(request.rubric or {}).values()])
    q_all = f"{q} {extra}"
    ctx = Context(round=rnd, question=q)
    qref = f'the question ("{_short(q)}")'
    gen_q = _qcue(GENERATIVE, q) or (_qcue(GENERATIVE, extra) if rnd == "ai_product_sense" else None)
    gen_a = _cue(GENERATIVE, request.answer[:4000]) if rnd in ("behavioral", "portfolio_bullet") else None
    if not gen_q and not gen_a and rnd == "ai_product_sense":
        # The answer itself proposes an LLM: then it owes guardrails for it, as the contract says.
        gen_a = _cue(GENERATIVE_SYSTEM, request.answer[:MAX_CHARS])
        ctx.generative_from_answer = bool(gen_a)
    if gen_q or gen_a:
        ctx.generative = True
    sens = _qcue(SENSITIVE, q)
    if not sens and rnd in ("ml_system_design", "ai_product_sense"):
        used = lx.PERSONAL_DATA.search(request.answer[:MAX_CHARS])
        if used:
            sens = used.group(0)
            ctx.sensitive_from_answer = True
    if rnd == "responsible_ai" or (sens and rnd in ("ml_system_design", "ai_product_sense")):
        ctx.sensitive = True

    def add(flag: str, mode: str, why: str) -> None:
        ctx.flags[flag] = Relevance(mode, why)

    add("buzzword_without_depth", "signal", "every answer must say how or why")
    add("deterministic_mindset", "signal", "every answer about an AI system must treat it as probabilistic")
    design = rnd in ("ml_system_design", "ai_product_sense")
    if design:
        add("eval_gap", "absence", f"{qref} asks for a system that must be evaluated")
        add("no_tradeoffs", "absence", f"{qref} asks for a design, which means choosing between options")
        add(
            "no_data_strategy",
            "absence",
            f"{qref} asks for an ML system, which needs training and evaluation data",
        )
        add("no_lifecycle", "absence", f"{qref} asks for a system that will run after launch")
        add("ai_bolt_on", "signal", f"{qref} asks for an AI product design")
    elif rnd == "technical_deep_dive":
        eq = _qcue(EVAL_QUESTION, q_all)
        add("eval_gap", "absence" if eq else "signal", f'{qref} turns on evaluation ("{eq}")' if eq else qref)
        cq = _qcue(CHOICE_QUESTION, q_all)
        if cq:
            add(
                "no_tradeoffs",
                "absence",
                f'{qref} asks for a choice between options or their limits ("{cq}")',
            )
        else:
            add(
                "no_tradeoffs",
                "silent",
                f"{qref} asks for ML judgment, which means knowing a method's limits",
            )
        bq = _qcue(BUILDS, q)
        if bq:
            add("no_data_strategy", "absence", f'{qref} involves data ("{bq}")')
        lq = _qcue(LIVE, q)
        if lq:
            add("no_lifecycle", "absence", f'{qref} is about a model in use ("{lq}")')
    elif rnd == "responsible_ai":
        add("eval_gap", "signal", f"{qref} needs the harm to be measured correctly")
        add("no_tradeoffs", "absence", f"{qref} asks for a decision that trades off harms, accuracy and cost")
        add("no_lifecycle", "absence", f"{qref} needs the fix to be watched after it ships")
        bq = _qcue(BUILDS, q)
        if bq and _qcue(_DATA_WORDS, q):
            add("no_data_strategy", "absence", f'{qref} is about data ("{bq}")')
    elif rnd == "behavioral":
        add("eval_gap", "signal", "a story about AI work should show how quality was judged")
        add("no_ownership", "signal", "a behavioral story must show the candidate's own part")
        if _qcue(AI_STORY, q) or _cue(AI_STORY, request.answer[:4000]):
            add("no_lifecycle", "minor", f"{qref} is about a model in use, so life after launch matters")
    elif rnd == "portfolio_bullet":
        add("eval_gap", "signal", "a bullet's metric must fit the task")
        add("no_ownership", "absence", f"a bullet for {qref} must show the candidate's own part")
        add("ai_bolt_on", "signal", "a bullet for an AI PM role should show AI-native work")
    if ctx.generative and rnd != "technical_deep_dive":
        cue = gen_q or gen_a
        where = (
            f'{qref} involves a generative feature ("{cue}")'
            if gen_q
            else f'the answer describes a generative feature ("{cue}")'
        )
        add("no_guardrails", "absence", where)
    if ctx.sensitive:
        why = (
            f"{qref} is a responsible-AI question"
            if rnd == "responsible_ai"
            else f'the answer proposes using people\'s data ("{sens}")'
            if ctx.sensitive_from_answer
            else f'{qref} touches people\'s data or rights ("{sens}")'
        )
        add("ignores_responsible_ai", "absence", why)
    return ctx


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- off the question ----------------------------------------------------------------------------

PIVOT = re.compile(
    r"\b(?:the |our |their |a |my )?(?:real|actual|underlying|root|biggest|main|bigger|true|more important|key|deeper)"
    r" (?:problem|issue|cause|driver|lever|opportunity|need|bottleneck|pain(?: point)?|reason|conversion driver|"
    r"constraint|win|job)s?\b.{0,160}?\b(?:so|therefore|which is why|that'?s why|instead|hence)\b,?"
    r" (?:I'?d|we'?d|I would|we would|let'?s|I'?ll|we'?ll|we should|I want to|my answer is to|my plan is to)"
    r"(?: (?:rather|actually|instead))? (?:build|focus|design|solve|tackle|work on|go after|prioriti[sz]e|propose|fix|"
    r"invest|put|ship|create|make|do|spend|address|redirect|attack|target|start with)\b"
    r"|\bthe (?:\w+ )?(?:problem|issue|question|need) behind (?:this|that|it|the (?:ask|request|question)) is\b"
    r"|\b(?:what|the thing that) (?:really|actually) (?:matters|drives \w+|moves \w+)\b.{0,120}?\b(?:so|therefore)\b,?"
    r" (?:I'?d|we'?d|I would|we would|I'?ll|we'?ll) (?:build|focus|design|solve|work on|go after)\b"
    r"|\b(?:I'?d|we'?d|I would|we would) (?:reframe|reinterpret|redirect|swap) (?:this|the question|the ask|the problem)"
    r"|\b(?:instead of|rather than) (?:building|designing|answering|solving) (?:that|this|what (?:was|is) asked|the \w+ (?:as asked|itself))\b",
    re.IGNORECASE,
)
"""An opening that swaps the problem asked for a different one ("the real problem is X, so I'd build Y")."""

_GENERIC_Q = frozenset(
    [
        "design",
        "build",
        "system",
        "model",
        "models",
        "feature",
        "features",
        "product",
        "products",
        "would",
        "you",
        "how",
        "what",
        "why",
        "when",
        "which",
        "use",
        "using",
        "make",
        "new",
        "users",
        "user",
        "data",
        "ai",
        "ml",
        "machine",
        "learning",
        "predict",
        "predicts",
        "prediction",
        "launch",
        "metric",
        "metrics",
        "evaluate",
        "evaluation",
        "explain",
        "describe",
        "company",
        "team",
        "want",
        "wants",
        "need",
        "needs",
        "app",
        "application",
        "platform",
        "tool",
        "generative",
        "small",
        "large",
        "help",
        "helps",
        "way",
        "ways",
        "approach",
        "think",
        "give",
        "example",
        "examples",
        "tell",
        "time",
        "about",
        "one",
        "two",
        "walk",
        "through",
        "handle",
    ]
)
_Q_STOP = STOPWORDS | frozenset(
    [
        "its",
        "their",
        "they",
        "them",
        "then",
        "than",
        "there",
        "these",
        "those",
        "from",
        "into",
        "over",
        "under",
        "after",
        "before",
        "more",
        "most",
        "some",
        "any",
        "each",
        "every",
        "all",
        "which",
        "who",
        "whom",
        "whose",
        "was",
        "were",
        "been",
        "being",
        "has",
        "have",
        "had",
        "not",
        "no",
        "so",
        "if",
        "as",
        "at",
        "by",
    ]
)
MIN_TOPIC_WORDS = 5


def topic_words(text: str) -> set[str]:
    """The question's own subject words: content words that are not generic to every AI question."""
    from hireloop.assess.text import words

    return {
        w
        for w in words(text)
        if len(w) > 2 and w not in _Q_STOP and w not in _GENERIC_Q and not w[0].isdigit()
    }


def topic_coverage(question: str, answer: str) -> tuple[float, int]:
    """Share of the question's subject words the answer echoes (same stem), and how many there are."""
    q = topic_words(question)
    if not q:
        return 1.0, 0
    stems = {w[:5] for w in topic_words(answer)}
    return sum(1 for w in q if w[:5] in stems) / len(q), len(q)


PIVOT_MAX_AI_WORDS = 2
"""An answer that swaps the problem and then names a model, AI or data at most this often solves the other
problem without AI (pay plans, rituals, staffing), however many of the question's words it reuses."""


def off_question(request: GradingRequest, answer: str, *, jargon: bool = False) -> str | None:
    """Why a real answer is off the question, or None. Two general signs: it opens by swapping the problem
    asked for another and then barely touches the question's subject or any AI; or, for an answer that is not a string
    of jargon (that is a buzzword answer, judged as such), it never touches the subject at all."""
    if request.round == "portfolio_bullet":
        return None
    from hireloop.assess.focus import unanswered_focus
    from hireloop.assess.text import words

    focus = unanswered_focus(request.question, answer, len(words(answer)))
    if focus:
        return (
            f"The answer is off the question: the question asks about {focus.replace('_', ' ')}, and the "
            "answer, however sound, is about something else and barely mentions it."
        )
    if request.round == "behavioral":
        return None
    coverage, n = topic_coverage(request.question, answer)
    head = answer[:600]
    m = PIVOT.search(head)
    if m and (coverage < 0.5 or len(lx.ML_VOCAB.findall(answer)) <= PIVOT_MAX_AI_WORDS):
        return (
            "The answer is off the question: it swaps the problem asked for a different one "
            f'("{_short(m.group(0), 100)}") and answers that instead, so nothing the question asks for can be '
            "assessed."
        )
    if (
        not jargon
        and n >= MIN_TOPIC_WORDS
        and coverage == 0.0
        and not _near_synonyms(request.question, answer)
    ):
        return (
            "The answer is off the question: it never touches what the question is about "
            f'("{_short(request.question, 80)}"), even in other words.'
        )
    return None


def _near_synonyms(question: str, answer: str, threshold: float = 0.6) -> bool:
    """True when some subject word of the question has a close neighbour among the answer's words."""
    from hireloop.assess.embedding import embedder, normalize

    q = sorted(topic_words(question))
    a = sorted(topic_words(answer))
    if not q or not a:
        return False
    e = embedder()
    sims = normalize(e.sums(q)) @ normalize(e.sums(a)).T
    return bool((sims >= threshold).any())
