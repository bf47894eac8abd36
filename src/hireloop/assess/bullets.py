# ruff: noqa: E501
"""Portfolio bullets: what a hiring committee looks for in one resume line about AI work.

A bullet is judged on its parts, not its length: a named system or method, the data, the candidate's own
decisions, how quality was judged, life after launch, safeguards where the product needs them, and a
measured outcome. A vague "used AI to improve X" claim, an integration of someone else's model, AI bolted
onto an unchanged product, and a product that decides about people or reads their faces with no
safeguard are the major gaps. Patterns describe ideas in several phrasings, never one bullet's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hireloop.assess import lexicon as lx
from hireloop.assess.concepts import Signals
from hireloop.assess.text import Span

_rx = lx._rx

AI_THING = r"(?:ai|a\.i\.|ml|machine[- ]learning|deep[- ]learning|artificial intelligence|algorithms?|data science|advanced analytics|predictive analytics|automation|intelligen\w+|gen ?ai|generative ai|llms?|big data|neural networks?|models?)"

VAGUE_AI = _rx(
    rf"\b(?:leverag\w+|harness\w*|utili[sz]\w+|us(?:e|ed|ing)|appl(?:y|ied|ying)|employ\w*|introduc\w+|implement\w*|deploy\w*|adopt\w*|bring\w*|brought|infus\w+|embrac\w+|tapp\w+ into|through|with|via|powered by|driven by|enabled by|based on) (?:\w+[- ]){{0,2}}{AI_THING}\b(?! (?:model|classifier|ranker|pipeline)s? (?:trained|that|which|on|for))",
    r"\b(?:ai|ml|llm|gpt|algorithm|data)[- ](?:driven|powered|enabled|based|first|led|fueled|infused)\b",
    r"\bai/ml\b|\bml/ai\b|\bai (?:solutions?|capabilit\w+|technolog\w+|tools?|initiatives?|strategy|transformation)\b",
    r"\b(?:smart|intelligent|cognitive) (?:automation|insights?|solutions?|platform|engine|features?)\b",
)
"""An AI claim with nothing specific behind it: AI as a verb's object, an adjective, or a product category."""

METHOD = _rx(
    r"\bgradient[- ]boost\w*|\bboosted[- ]trees?\b|\b(?:boosted|decision)[- ]tree\b|\bxgboost\b|\blightgbm\b|\brandom forests?\b|\blogistic regression\b|\blinear (?:model|regression)\b",
    r"\bneural (?:net|network)s?\b|\btransformers?\b|\bbert\b|\bcnns?\b|\bembeddings?\b|\bvector (?:search|retrieval)\b|\bretrieval\b|\bre-?rankers?\b|\bre-?ranking\b|\btwo[- ]tower\b",
    r"\bcollaborative filtering\b|\bmatrix factori[sz]ation\b|\bbandits?\b|\breinforcement learning\b|\bclustering\b|\bsurvival model\b|\btime[- ]series\b",
    r"\bfine[- ]?tun\w+|\bdistill\w+|\bsmall (?:language )?model\b|\bin-house model\b|\b(?:open|frontier|foundation|language|vision|speech|multilingual) models?\b|\bllms?\b|\bgpt-?\d\w*|\brag\b|\btool calls?\b|\bgrounded\b|\bprompt(?:s|ing)?\b",
    r"\bclassifiers?\b|\bscorecard\b|\bforecast(?:s|ing)?\b|\bquery understanding\b|\bspell(?:ing)? correction\b|\bsynonym expansion\b|\bocr\b|\bspeech[- ]to[- ]text\b|\bentity extraction\b|\bfield extraction\b|\banomaly detection\b",
    r"\b(?!(?:an?|the|our|their|its|new|ai|ml|ai-powered|smart|proprietary|custom|predictive|machine|learning|deep|first|own)\b)[a-z][\w-]*[- ](?:model|classifier|ranker|detector|scorer|predictor)s?\b",
    r"\b(?:agents?|assistants?|chat ?bots?)\b(?= (?:that|which|to|for|resolv\w*|handl\w*|answer\w*|resched\w*|draft\w*))|\b\w+(?:-\w+)? (?:agent|assistant|bot|copilot)s?\b(?=\s*[:(—])|\b\w+-\w+ (?:agent|assistant|bot|copilot)s?\b(?=\s*[,;-])|\btool[- ](?:only|use|calling|calls?)\b|\bread-only (?:tools?|actions?|access|lookups?)\b|\b(?:ai|llm)-(?:drafted|generated|written|suggested)\b",
    r"\bfac(?:e|ial) (?:recognition|match\w*|verification)\b|\bcomputer vision\b|\bobject detection\b|\bsentiment analysis\b|\bspeech recognition\b|\bmachine translation\b",
    r"\bgpt\w*|\bclaude\b|\bgemini\b|\bllama\b|\bmistral\b|\b(?:reply|response|email|message|answer) drafts?\b|\bdraft(?:s|ed|ing)? (?:replies|responses|emails|messages|answers)\b|\bsummar(?:y|ies|i[sz]ation|i[sz]er)\b",
)
"""A named system or method: a model family, a retrieval or generation technique, or a model named by its task."""

DECISION = _rx(
    r"\b(?:i )?(?:chose|choosing|chosen|picked|picking|selected|selecting|decided|deciding|defined|defining|(?<!eval )(?<!test )(?<!data )(?<!tion )(?<!golden )(?<!training )(?<!holdout )(?<!label )(?<!feature )(?<!rule )set|setting|moved|moving|re-?scoped|scoped|negotiated|prioriti[sz]ed|insisted on|traded|capped|tuned|tuning|calibrated|designed|redesigned|rebuilt|replaced|argued for|pushed for)\b(?! (?:up )?(?:on schedule|on time|timelines|meetings))",
    r"\bover (?:a |an |the )?(?:\w+[- ]){0,3}(?:vendor|api|model|scorecard|baseline|rules|heuristics?|approach|method|licensing)\b|\binstead of\b|\brather than\b",
    r"\b(?:built|created|wrote|assembled|curated|led) (?:the |an? |our )?(?:\w+[- ]){0,2}(?:evaluation|eval|test|golden|label(?:ing|led)?|training|audit)\b|\b(?:relabel\w*|labell?ed|annotated)\b",
    r"\bowned (?:the|an?|our)\b(?! (?:vendor|relationship|rollout|timeline))|\bmy (?:call|decision|proposal)\b",
    r"\bmade [^.;:]{1,60}? (?:the|our|a) (?:launch|release|ship(?:ping)?|go[- ]live|quality) (?:gate|bar|criteri\w+|metric|threshold)\b",
    r"\b(?:counted|treated|defined|scored|classed|logged) (?:\w+[- ]){0,6}as (?:an? )?(?:failure|defect|error|miss|fail|pass|success)\b",
    r"\b(?:gated|gating) (?:every|each|all|the) (?:\w+[- ]){0,2}(?:release|launch|deploy\w*|rollout|ship\w*)s?\b",
)
"""The candidate's own part in the model, data, metric or scope (choices, trade-offs, building the data or eval)."""

DATA = _rx(
    r"\btrained on\b|\btraining (?:data|set|examples)\b|\blabell?ed\b|\blabels?\b|\bannotat\w+|\brelabel\w*|\bground[- ]truth\b",
    r"\b(?:historical|past)\b|\blogs?\b|\btranscripts?\b|\b\d[\d,.]*\s*(?:k|m|b|million|thousand)?\s*(?:\w+[- ]){0,2}(?:examples|transactions|records|images|photos|conversations|prs|pull requests|invoices|documents|claims|deliveries|tickets|samples|queries|emails|calls|recordings)\b",
    r"\bdriver notes\b|\bfeedback (?:fed|feeds|loop)\b|\bdata (?:from|of)\b|\b\d+ days of\b",
    r"\bcollect(?:ed|ing)\b|\bsourced\b|\bcurated\b|\b\d[\d,.]*\s*(?:k|m|b|million|thousand)?\s*(?:(?:hours|minutes) of (?:\w+[- ]){0,2}(?:speech|audio|video|calls?|recordings?|footage|conversations?|data|driving|transcripts?)|docs|pages|articles|screenshots|clips|utterances|notes|messages|reviews|listings|products|shelf images|scans|x-rays)\b",
)

OUTCOME = _rx(
    r"\b(?:cut|cutting|reduc\w+|rais\w+|lift\w*|grew|grow\w*|increas\w+|improv\w+|decreas\w+|fell|rose|lower\w*|boost\w*|sav\w+|dropp?\w*|halv\w+|doubl\w+|beat|beating|shorten\w*|caught|catch\w*|tripl\w+|eliminat\w+)\b.{0,80}\d",
    r"\b(?:reach\w*|handl\w+|serv\w+|process\w*|resolv\w+|contain\w*|adopted by|used by)\b.{0,40}\d[\d,.]*\s*(?:%|k\b|m\b|percent|million|thousand)",
    r"\bfrom \$?\d[\d,.]*\s*\S*\s+to \$?\d|\b\d[\d,.]*\s*(?:%|percent|pts|points|x)\b.{0,40}\b(?:more|fewer|less|higher|lower|faster|better)\b",
    r"\d[\d,.]*\s*%?\s*(?:\w+\s*)?(?:->|→|=>|⇒)\s*\$?\d|\b[a-z]+ [-−+]\d[\d,.]*\s*(?:%|pts|points)",
    r"\b(?:halved|doubled|tripled)\b|\b(?:cut|fell|dropped|shrank|saved|freed)\b (?:\w+ ){0,4}by (?:about |roughly |nearly |over |almost )?(?:an?|one|two|three|half|a third|a quarter) (?:hours?|days?|weeks?|minutes?|half|third|quarter)\b",
    r"\b\d[\d,.]*\s*(?:%|percent) of (?:\w+[- ]){0,3}(?:\w+ )?(?:auto-?)?(?:resolved|handled|automated|deflected|answered|approved|contained|closed|caught|accepted)\b",
    r"\b\d[\d,.]*\s*(?:k|m|million|thousand)?\s*(?:\w+ ){0,2}(?:tried|used|adopted|installed|enabled|activated|signed up for|onboarded)\b(?: (?:it|them|the \w+))?",
    r"\b\d[\d,.]*\s*(?:k|m|million|thousand)\+? (?:monthly |weekly |daily |active |paying )*(?:users|customers|enablements|installs|downloads|subscribers|sellers|merchants|advertisers)\b",
)
"""A measured result: a change in a number (from X to Y, cut by N%)."""

LIFECYCLE_B = _rx(
    r"\bmonitor\w*|\bdrift\w*|\bretrain\w*|\b(?:drift|quality|accuracy|error|latency|regression) alerts?\b|\balerts? (?:on|when|if) (?:\w+ ){0,2}(?:drift|drops?|falls?|degrad\w+|quality|accuracy|errors?)\b|\b(?:gated|gates?|gating) (?:every|each|all|the) (?:\w+[- ]){0,2}(?:release|launch|deploy\w*|rollout|ship\w*)s?\b|\bfeeds? (?:retraining|the next)\b|\bfed (?:\w+ ){0,2}into\b|\brelease[- ]gat\w+|\bregression tests?\b|\bevery (?:prompt|model) (?:or model )?change\b",
    r"\b(?:check|review|audit|retrain|refresh|rerun|re-run|monitor|track|sampl|re-?scor|re-?label)\w*\b.{0,40}\b(?:weekly|monthly|quarterly|daily|nightly|every (?:week|month|quarter|day))\b",
    r"\b(?:weekly|monthly|quarterly|daily|nightly)\b (?:\w+[- ]){0,3}(?:review|retrain\w*|audit|check|refresh|monitor\w*|sample|rerun)\b",
)
EVAL_B = _rx(
    r"\btest set\b|\beval(?:uation)? set\b|\bgolden set\b|\bhold-?out\b|\bback-?test\w*|\bprecision\b|\brecall\b|\bauc\b|\bf1\b|\bmae\b|\brmse\b|\bndcg\b|\berror\b|\bfalse positives?\b",
    r"\b(?:graded|rated|reviewed|scored|audited|judged|labell?ed) by\b|\brubric\b|\b(?:a/b|geo|controlled) (?:test|experiment)\b|\bexperiment\b|\baudit\b|\blaunch (?:metric|gate|bar)\b|\b(?:tested|evaluated|benchmarked|measured|validated|compared|scored|graded|checked) (?:\w+ ){0,3}against\b",
    r"\b(?:counted|treated|tracked|logged|measured) (?:\w+[- ]){0,4}(?:as (?:an? )?(?:failure|defect|error|miss)|failures?|error rate|defect rate)\b|\b(?:made-up|invented|hallucinated) (?:\w+ ){0,2}(?:rate|failures?)\b|\bfaithfulness\b|\bgrounded(?:ness)? (?:rate|score)\b|\brecall@\d+|\bprecision@\d+|\bwer\b|\bword error rate\b",
)
SAFEGUARD = _rx(
    r"\bappeal\w*|\brecourse\b|\boverride\w*|\bhuman (?:review|handoff|approval|check|in the loop)\b|\bhand(?:s|ed)? off\b|\bhandoff\b|\bescalat\w+",
    r"\bhard limits?\b|\bguardrails?\b|\bnever (?:reveals?|auto|stores?|shares?|sends?)\w*|\bfully human\b|\bkept (?:\w+ ){0,5}human\b|\bedit before\b|\bbefore sending\b",
    r"\bconsent\w*|\bopt(?:s|ed)?[- ]?(?:in|out)\b|\bprivacy\b|\bfair(?:ness)?\b|\bbias\w*|\bunbiased\b|\bper[- ](?:group|segment|region)\b|\bexplainab\w+|\breason codes?\b|\badverse[- ]action\b|\bcompliance\b|\bregulat\w+|\bretention\b|\bdelet\w+|\baudit\w*|\bencrypt\w*|\bon-device\b|\banonymi[sz]\w+|\bpii\b",
    r"\blow[- ]confidence\b.{0,40}\b(?:review|human|agents?|routed|routing)\b|\brout\w+ (?:\w+ ){0,3}to (?:human|review|agents?|a person)",
    r"\b(?:doctors|clinicians|physicians|nurses|pharmacists|lawyers|attorneys|paralegals|teachers|accountants|editors|agents|reviewers|experts|moderators|staff|humans?) (?:\w+ ){0,2}(?:check\w*|review\w*|approv\w*|sign\w* off|verif\w+|edit\w*)\b (?:every|each|all)\b",
    r"\b\$?\d[\d,.]*\s*[km]?\s*(?:\w+[- ]){0,2}(?:caps?|limits?|ceilings?)\b|\bhumans? (?:above|over|beyond|for anything (?:above|over)) (?:the )?(?:cap|limit|threshold)\b|\btool[- ]only\b|\bread[- ]only\b",
    r"\bpermission[- ]aware\b|\bacls?\b|\baccess[- ]control\w*|\brespect\w* (?:\w+ ){0,2}permissions\b",
)
"""Safeguards for users: recourse, a human in the loop, limits on what the system may do, privacy or fairness work."""

DECIDES_ABOUT_PEOPLE = _rx(
    r"\bfac(?:e|ial)[- ](?:recognition|recogni[sz]\w+|match\w*|id|verification|scan\w*|detection|analysis)\b|\bbiometric\w*|\bfingerprints?\b|\bvoice ?(?:print|id)\b|\bemotion (?:detection|recognition|analysis)\b",
    r"\bsurveillance\b|\bproctor\w*|\b(?:resume|cv|candidate|applicant)s?[- ]screen\w*|\bscreen\w* (?:\w+ ){0,2}(?:applicants?|candidates?|resumes?|tenants?)\b|\bhiring (?:model|algorithm|decisions?)\b",
    r"\bauto-?(?:reject\w*|den(?:y|ies|ied)|declin\w+)\b|\b(?:eligibility|benefits?|welfare) (?:decisions?|determinations?|claims)\b|\beligibility\b",
    r"\b(?:credit|lending|loan|underwriting) (?:decision\w*|limits?|approvals?|model)\b|\bpredictive policing\b|\b(?:track\w*|monitor\w*) (?:employees|workers|students|children|drivers)\b|\bchildren'?s?\b|\bminors\b",
)
"""Products that decide about people or read their faces, bodies or voices: consent and fairness are owed."""

HIGH_STAKES_GEN = _rx(
    r"\bautonomous\w*|\bend[- ]to[- ]end\b|\bwithout (?:any )?(?:human|manual|agent|people)\b|\b(?:remov\w+|eliminat\w+|no longer need\w*)\b(?: the need (?:to|for))? (?:\w+ ){0,2}(?:escalat\w+|humans?|manual|agents?|staff|reviewers?|review\w*|people|oversight|approval)\b|\bauto-?(?:approv\w+|publish\w*|send\w*|respond\w*|repl\w+)\b|\bautomatically (?:approv|send|publish|respond|repl|refund|deny|reject)\w*",
    r"\bsymptom\w*|\bmedical\b|\bpatients?\b|\bclinical\b|\bdiagnos\w+|\bhealth\b|\blegal\b|\bcontracts?\b|\blawyers?\b|\brefunds?\b|\bpayments?\b|\bfinancial advice\b|\bmental\b|\btherap\w+|\bchildren\b|\bkids\b|\bminors\b",
)
"""A generative feature whose wrong output does real harm, or acts with nobody checking it."""

INTEGRATION = _rx(
    r"\b(?:integrat\w+|plugg\w+ in|wir\w+ up|hook\w+ up|embedd\w+|connect\w+|adopt\w+|roll\w* out|deploy\w*|implement\w*|procur\w+|purchas\w+|licens\w+|onboard\w*|configur\w+|enabl\w+|turn\w* on|switch\w* on|install\w*|manag\w+ the (?:rollout|integration|implementation|launch|vendor|deployment))\b.{0,60}\b(?:vendor'?s?|third[- ]party|off[- ]the[- ]shelf|out[- ]of[- ]the[- ]box|external|partner'?s?|saas|plug-?ins?|apis?|copilot|chatgpt|openai'?s?|gpt-?\d\w*|google'?s?|aws|azure|microsoft'?s?|salesforce)\b",
    r"\b(?:using|via|through|with|from) (?:a |an |the )?(?:\w+ )?(?:vendor'?s?|third[- ]party|off[- ]the[- ]shelf|out[- ]of[- ]the[- ]box|partner'?s?) (?:\w+[- ]){0,3}(?:plug-?in|api|tool|model|engine|service|solution|platform|integration)s?\b",
    r"\b(?:rolled out|roll(?:ing)? out|deployed|licensed|procured|purchased|bought|adopted) (?:\w+[- ]){0,3}(?:copilot|chatgpt|gemini|claude|einstein|watson)\b",
    r"\b(?:launch\w*|introduc\w+|stood up|set up) (?:the |a |an |our )?(?:vendor'?s?|third[- ]party|off[- ]the[- ]shelf|out[- ]of[- ]the[- ]box|partner'?s?)\b",
    r"\b(?:partner\w*|work\w*) with (?:amazon|google|apple|microsoft|openai|meta|a vendor|an? (?:ai )?vendor)\b.{0,60}\b(?:launch\w*|ship\w*|roll\w* out|integrat\w+|build\w*|built)\b|\b(?:alexa|siri|google assistant|cortana) (?:skills?|actions?|integrations?|apps?)\b",
)
"""Someone else's model wired into a product: integration, rollout or procurement of a vendor's AI."""

BOLT_ON_B = _rx(
    r"\b(?:add\w*|bolt\w*|tack\w*|plugg\w+|dropp\w+|put|putting|attach\w*|stuck|slapp\w+|embedd\w+|insert\w*|append\w*)\b.{0,60}\b(?:chat ?bots?|assistants?|widgets?|copilots?|ai|gpt\w*|llm|bots?)\b.{0,50}\b(?:to|into|on|onto|in|inside)\b (?:the |our |its |their |a |an )?(?:\w+[- ]){0,3}(?:portal|site|website|app|page|dashboard|help (?:page|center|centre|menu)|homepage|menu|platform|crm|intranet|inbox|product|tool|screen|sidebar|footer|form)s?\b",
    r"\b(?:existing|current|legacy|unchanged|old) (?:\w+[- ]){0,3}(?:portal|site|website|app|page|dashboard|flow|product|platform|experience|ui)\b",
    r"\b(?:chat|ai|gpt|chatbot) (?:widget|panel|window|tab|button|plug-?in)\b",
)
"""AI added at the edge of a product that otherwise stays the same."""

NATIVE_B = _rx(
    r"\b(?:re-?built|re-?designed|re-?architected|re-?imagined|re-?scoped|re-?worked|re-?designing|designed|built|rebuilding) (?:\w+[- ]){0,4}around\b|\binstead of (?:a |an |the )?(?:\w+[- ]){0,2}(?:widget|panel|chat ?bot|bolt-on|add-on|sidebar)\b",
    r"\brather than (?:a |an |the )?(?:\w+[- ]){0,2}(?:widget|panel|chat ?bot|bolt-on|add-on|sidebar)\b",
)

MODEL_METRIC_ONLY = _rx(
    r"\b(?:offline )?(?:auc|roc|accuracy|f1|precision|recall|rmse|mae|log[- ]?loss|ndcg|bleu|rouge|perplexity)\b",
)
"""A model metric: an outcome stated only in these says nothing about users or the business."""

ACCURACY_VAGUE = _rx(
    r"\baccuracy\b.{0,30}\bby \d[\d,.]*\s*(?:%|percent)|\b(?:improv\w+|increas\w+|boost\w*|rais\w+) (?:\w+ ){0,3}accuracy\b(?! (?:on|at|of) )",
)
"""A relative accuracy gain with no task metric or test set behind it."""


@dataclass(slots=True)
class Part:
    """One thing a committee looks for in a bullet, with the words that show it."""

    id: str
    spans: list[Span] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.spans)


@dataclass(slots=True)
class BulletProfile:
    """What one bullet shows and which major warning signs it carries."""

    method: Part
    data: Part
    decision: Part
    evaluation: Part
    lifecycle: Part
    safeguard: Part
    outcome: Part
    tradeoff: Part
    vague_ai: Part
    integration: Part
    bolt_on: Part
    native: Part
    decides_about_people: Part
    high_stakes_gen: Part
    accuracy_vague: Part

    @property
    def metric_only(self) -> bool:
        """Every measured result is a model metric (AUC, accuracy...), none a product or business effect."""
        return bool(self.outcome) and all(MODEL_METRIC_ONLY.search(s.text) for s in self.outcome.spans)

    @property
    def substance(self) -> list[str]:
        """The parts of a specific, owned bullet it shows (a measured outcome is counted apart)."""
        parts = (self.method, self.data, self.decision, self.evaluation, self.lifecycle, self.safeguard)
        return [p.id for p in parts if p]


REFUSED = re.compile(
    r"(?:\b(?:no|without(?: any| an?)?|never|nor|skip\w*|remov\w+ the need (?:to|for)|eliminat\w+ the need (?:to|for)|"
    r"no longer need\w*(?: to)?|did(?:n'?t| not) need|with no need (?:to|for))\s+(?:\w+\s+){0,2})$",
    re.IGNORECASE,
)
"""A part named only as absent or removed ("no opt-out needed", "removing the need to escalate")."""


def _find(sig: Signals, rx: re.Pattern[str], name: str, limit: int = 3, *, refusable: bool = False) -> Part:
    spans: list[Span] = []
    for info in sig.sentences:
        s = info.span
        for m in rx.finditer(s.text):
            text = m.group(0).strip()
            if not text:
                continue
            if refusable and REFUSED.search(s.text[max(0, m.start() - 60) : m.start()]):
                continue
            start = s.start + m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            spans.append(Span(text, start, start + len(text)))
            if len(spans) >= limit:
                return Part(name, spans)
    return Part(name, spans)


def profile(sig: Signals) -> BulletProfile:
    """Read one bullet (already split into sentences with exact offsets) into its parts (memoised on sig)."""
    if isinstance(sig.bullet, BulletProfile):
        return sig.bullet
    sig.bullet = _profile(sig)
    return sig.bullet


def _profile(sig: Signals) -> BulletProfile:
    tradeoff = Part("tradeoff", [h.quote for h in sig.credited("tradeoff")][:2])
    return BulletProfile(
        method=_find(sig, METHOD, "method"),
        data=_find(sig, DATA, "data"),
        decision=_find(sig, DECISION, "decision"),
        evaluation=_find(sig, EVAL_B, "evaluation"),
        lifecycle=_find(sig, LIFECYCLE_B, "lifecycle"),
        safeguard=_find(sig, SAFEGUARD, "safeguard", refusable=True),
        outcome=_find(sig, OUTCOME, "outcome"),
        tradeoff=tradeoff,
        vague_ai=_find(sig, VAGUE_AI, "vague_ai"),
        integration=_find(sig, INTEGRATION, "integration"),
        bolt_on=_find(sig, BOLT_ON_B, "bolt_on"),
        native=_find(sig, NATIVE_B, "native"),
        decides_about_people=_find(sig, DECIDES_ABOUT_PEOPLE, "decides_about_people"),
        high_stakes_gen=_find(sig, HIGH_STAKES_GEN, "high_stakes_gen"),
        accuracy_vague=_find(sig, ACCURACY_VAGUE, "accuracy_vague"),
    )


AI_WORK = _rx(
    r"\bfac(?:e|ial)[- ](?:recognition|match\w*|id|verification)\b|\bbiometric\w*|\bvoice ?prints?\b|\bfingerprint (?:recognition|matching)\b|\bcomputer vision\b|\bimage recognition\b|\bobject detection\b|\bsentiment analysis\b|\bspeech recognition\b",
    r"\bvoice (?:assistant|recognition)\b|\balexa\b|\bsiri\b|\bgoogle assistant\b|\bocr\b|\btranscription\b|\bmachine translation\b|\bnlp\b|\bnatural language\b|\bchat ?bots?\b|\bcopilot\b|\bchatgpt\b|\bgpt\w*",
    r"\bneural\b|\bembeddings?\b|\bre-?rank\w*|\bgradient[- ]boost\w*|\bfine[- ]?tun\w+|\banomaly detection\b|\bforecast\w*|\brecommend\w*|\bclassif\w+",
)
"""AI work named by capability rather than by the words model, AI or ML."""
