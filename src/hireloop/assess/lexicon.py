# ruff: noqa: E501
"""The concept lexicon: regular-expression patterns for the ideas an AI PM answer can show.

Patterns describe *ideas* in several phrasings (jargon and plain words alike), never the wording of any
one answer. Each concept names the competency it gives evidence for. Compiled once, at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hireloop import cache

_FLAGS = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Concept:
    """One idea the grader looks for, with the competency it evidences and a phrase for strengths."""

    id: str
    competency: str
    label: str
    pattern: re.Pattern[str]
    responsible: bool = False


PARTS: dict[str, tuple[str, ...]] = {}
"""The alternatives each compiled pattern was built from, for the pre-filter in gate.py."""
WORD_START = r"(?<!\w)(?=\w)"
_COMPILED = cache.Patterns(__name__)  # compiling these is most of a cold start: kept between starts


def _rx(*parts: str) -> re.Pattern[str]:
    """One case-insensitive alternation; every match starts at a word start, which the prefix makes fast."""
    rx = _COMPILED.compile(WORD_START + "(?:" + "|".join(f"(?:{p})" for p in parts) + ")", _FLAGS)
    PARTS[rx.pattern] = parts
    return rx


N = r"(?:\d[\d,.]*\s*(?:k|%|percent)?|(?:a few|several|a couple(?: of)?|couple|a)(?: (?:hundred|thousand|dozen))?|hundreds|thousands|dozens)"
PEOPLE = (
    r"(?:reviewers?|raters?|graders?|annotators?|labell?ers?|experts?|agents|designers|people|someone|a person|humans?|the team|our team|staff|analysts|ops|moderators|linguists|editors|specialists|the execs|executives"
    r"|teams?|smes?|senior [a-z]+s|domain experts|subject[- ]matter experts"
    r"|doctors|physicians|clinicians|nurses|pharmacists|dentists|therapists|radiologists|pathologists|dermatologists"
    r"|lawyers|attorneys|paralegals|compliance officers|auditors|accountants|underwriters|adjusters|claims handlers|caseworkers"
    r"|teachers|tutors|instructors|agronomists|vets|veterinarians|engineers|developers|writers|copywriters|translators"
    r"|merchandisers|curators|librarians|dispatchers|inspectors|investigators|recruiters|counsell?ors|technicians|researchers)"
)
"""People who can judge an output: reviewer roles, a team, and domain professionals named by their trade
(physicians, agronomists, adjusters, underwriters), but not models, users or customers. Every alternative
starts with a literal, so the gate (gate.py) can still pre-filter the pattern."""
JUDGE = (
    r"(?:reads?|reading|read through|grades?|graded|grading|rates?|rated|rating|scores?|scored|scoring|reviews?|"
    r"reviewed|reviewing|marks?|marked|marking|checks?|checked|checking|labels?|labell?ed|labell?ing|judges?|"
    r"judged|judging|audits?|audited|inspects?|spot-checks?|tries to break|try to break)"
)

CONCEPTS: tuple[Concept, ...] = (
    Concept(
        "offline_eval",
        "evaluation",
        "plans an offline evaluation on held-out data",
        _rx(
            r"\bhold[- ]?outs?\b|\bheld[- ]out\b|\bhold out\b|\bhide the\b",
            r"\b(?:test|validation|eval(?:uation)?|golden|benchmark|calibration|regression) (?:set|pile|suite|data)\b",
            r"\btest sets?\b|\breplay(?:ing|ed)?\b|\bback-?test",
            r"\b(?:training|validation|test|holdout) (?:loss|error|accuracy|performance)\b|\bout-of-time\b|\btime[- ]split\b|\bcross[- ]validat|\bk-fold\b|\bsplit by\b",
            r"\boffline (?:metric|evaluation|test|eval|replay|check)s?\b|\boffline,",
            r"\b(?:precision|recall|ndcg|mrr|map|auc|f1|rmse|mae|log[- ]loss|word error rate|wer|"
            r"brier|calibration)\b(?: ?(?:at|@) ?(?:\d+|k|the|our))?",
            r"\bpr[- ]auc\b|\broc\b|\blearning curves?\b|\bconfidence intervals?\b",
            r"\b(?:never saw|hasn't seen|has not seen|not seen|unseen|new cases|doesn't see)\b",
            r"\b(?:false[- ]positive|false[- ]negative|true[- ]positive|error) rates?\b|\bfalse (?:alarms?|flags?|positives?|negatives?)\b",
            r"\b(?:field|top-?\d+|per-?class|per-?segment) accuracy\b|\baccuracy on (?:a|the|our) \S+ (?:test|set)",
            r"\b(?:silhouette|elbow|stability|stable)\b",
            r"\b(?:average|mean|median|typical|absolute) (?:\w+ )?errors?\b|\berrors? in (?:minutes|hours|days|dollars|units|percent)\b|\boff by (?:more than |over )?\d",
            r"\b(?:share|percentage|fraction|proportion) of (?:\w+ ){0,3}(?:within|more than|over|under) (?:\w+ ){0,2}(?:minutes|hours|days|%|percent)\b",
        ),
    ),
    Concept(
        "online_eval",
        "evaluation",
        "plans an online experiment or a staged rollout",
        _rx(
            r"\ba/?b[- ]tests?(?:ing)?\b|\bexperiments?\b|\blive test\b|\bshadow(?: mode)?\b|\bcanary\b",
            r"\b(?:staged|gradual|phased|slow) (?:rollout|launch)\b|\bholdback\b|\bcounter-?metrics?\b",
            rf"\b{N} of (?:users|traffic|accounts|sessions)\b|\bstaff first\b|\binternal(?:ly)? first\b|\bdogfood",
            r"\bguardrail metrics?\b",
        ),
    ),
    Concept(
        "human_review",
        "evaluation",
        "has people review or grade the model's output",
        _rx(
            rf"\b{PEOPLE} (?:\w+ ){{0,3}}{JUDGE}\b",
            rf"\b{JUDGE} by (?:\w+ ){{0,3}}{PEOPLE}",
            r"\bhuman (?:review|eval(?:uation)?|graders?|raters?|judg(?:e|ment)s?|labels?|check)\b",
            r"\bhuman[- ]in[- ]the[- ]loop\b|\brubrics?\b|\bred[- ]team(?:ing|ed)?\b|\bhand[- ]label",
            rf"\bread(?:s|ing)? {N}\b|\bsample (?:review|reads?)\b",
            r"\b(?:review|read|grade|rate|score|label|check|mark) (?:a |the )?(?:random )?(?:sample|samples|"
            r"outputs|responses|replies|drafts|suggestions|conversations|results|transcripts)\b",
            r"\bspot[- ]checks?\b|\bcalibrat\w+ (?:set|against)\b|\bagrees? with (?:our|the) (?:human|reviewers|graders)",
        ),
    ),
    Concept(
        "launch_bar",
        "evaluation",
        "sets an explicit quality bar or threshold before shipping",
        _rx(
            r"\bthresholds?\b|\b(?:launch|quality|ship|release|pass) (?:bar|gate|criteria|threshold)\b",
            r"\bpass/fail\b|\bstop rule\b|\bship only if\b|\bbars?\b(?= (?:a|for|on|that|we|of)\b)",
            rf"\b(?:under|below|no more than|at most|less than|fewer than|above|at least|zero)\s+{N}",
            r"\boperating point\b|\bagreed (?:up front )?on the bar\b|\bcriteria\b",
        ),
    ),
    Concept(
        "data_source",
        "data_strategy",
        "says where training or evaluation data comes from and how it is labeled",
        _rx(
            r"\btraining (?:data|set|examples)\b|\btrain(?:ed|s)? (?:it |them |the model )?on\b|\blearns? from\b",
            r"\blabel(?:s|l?ed|l?ing)\b|\bground[- ]truth\b|\bannotat|\bnegatives\b|\bpositives\b",
            r"\b(?:impression|click|search|query|interaction|event|server|chat|conversation|support) logs?\b|\blogs\b",
            r"\b(?:historical|past|history|our own history)\b|\bwhat (?:people|users|customers) (?:did|do|actually)\b",
            r"\blicensed\b|\bconsented\b|\bcommissioned\b|\bsynthetic\b|\bcollect(?:ed|ion|ing)?\b|\bsourced?\b",
            rf"\b{N} (?:\w+[- ])?(?:\w+ )?(?:examples|photos|images|tasks|conversations|samples|documents|"
            r"invoices|meetings|cases|paragraphs|queries|recordings|clips|transcripts|tickets|drafts|"
            r"responses|replies|suggestions|accounts|applications|transactions)\b",
            r"\bsampled from\b|\bfrom (?:our|the) (?:logs|history|tickets|inbox|reviews|database|records)\b",
            r"\bdata(?:set| set)?s?\b(?= (?:from|on|of|about|we|they|is|are|quality|coverage))",
            r"\bfeatures? (?:like|such as|are|include)\b|\bfeatures?\b(?= (?:that|which) )|\bsignals?\b",
        ),
    ),
    Concept(
        "cold_start",
        "data_strategy",
        "handles cold start for new users or items",
        _rx(
            r"\bcold[- ]start\b|\bnew (?:users?|listings?|items?|sellers?|accounts?|customers?|products?)\b",
            r"\bno (?:history|graph|data yet|interactions)\b|\bzero (?:friends|history)\b|\bsparse\b",
        ),
    ),
    Concept(
        "data_quality",
        "data_strategy",
        "watches the quality and representativeness of data",
        _rx(
            r"\blabel (?:quality|noise)\b|\bnoisy labels\b|\brepresentative\b|\bunder-?represented\b",
            r"\bcoverage\b|\bcover (?:accents|ages|segments|languages)\b|\bskew(?:ed)?\b|\bimbalance[d]?\b",
            r"\bleak(?:age|y|ed)?\b|\bposition bias\b|\bnear-duplicates?\b|\bdedup",
            r"\bsecond pass\b|\bquality of (?:the )?(?:data|labels)\b|\b(?:the )?data (?:was|is) mostly\b",
        ),
    ),
    Concept(
        "lifecycle",
        "lifecycle",
        "plans for life after launch: monitoring, drift, retraining or fallbacks",
        _rx(
            r"\bmonitor(?:s|ed|ing)?\b|\bdrift(?:s|ing)?\b|\bretrain(?:s|ed|ing)?\b(?! without)|\brefresh(?:es|ed)? the model\b",
            r"\balerts?\b|\balerting\b|\bafter (?:launch|rollout|it ships|we ship)\b|\bpost[- ]?launch\b|\bevery (?:two|few|\d+) (?:weeks|months|days)\b",
            r"\biterat\w+ (?:\w+ ){0,3}(?:based on|on|with|from) (?:\w+ ){0,2}(?:feedback|data|metrics|engagement|usage|reports)\b",
            r"\bonce (?:it'?s )?live\b|\bin production\b|\blive performance\b|\bover time\b",
            r"\bfalls? back\b|\bfallback\b|\bkill switch\b|\broll(?:s|ed)? ?back\b|\bswitch(?:es)? it off\b",
            r"\b(?:re-?run|rerun)s? (?:the |our )?(?:full )?(?:test|eval\w*|regression) ?(?:set|suite)?\b",
            r"\bregression tests?\b|\bregress(?:es|ed)?\b|\b(?:vendor|model|prompt) (?:updates?|changes?|version)\b",
            r"\b(?:retrain|refresh|review|monitor|check|rerun|re-?score|audit|sample|track|watch|read|alert)\w*\b.{0,60}\b(?:weekly|monthly|quarterly|daily|nightly|every (?:week|month|quarter|day))\b",
            r"\b(?:weekly|monthly|quarterly|daily|nightly|each month|each week)\b.{0,40}\b(?:retrain|refresh|review|monitor|check|rerun|audit|sample|read|human read)\w*",
            r"\bfeedback loop\b|\bloop (?:that )?feeds\b|\brich-get-richer\b|\bdegrad(?:e|es|ation)\b",
            r"\bsegments age\b|\bkeep (?:it|the model) (?:current|fresh)\b|\bwatch(?:ing)? (?:for|how|acceptance)\b",
            r"\bfeeds retraining\b|\bdashboard\b(?= .{0,60}(?:alert|threshold|review))",
        ),
    ),
    Concept(
        "tradeoff",
        "technical_depth",
        "weighs alternatives and their costs",
        _rx(
            r"\btrade-?offs?\b|\bversus\b|\bvs\.?\b|\brather than\b|\binstead of\b|\bcompared? (?:to|with|against)\b",
            r"\bthe (?:cost|catch|price|downside|risk) (?:is|of)\b|\bat the (?:cost|expense) of\b",
            r"\bcost(?:s|lier|ly)?\b|\bcheaper\b|\bexpensive\b|\bslower\b|\bfaster\b|\bheavier\b",
            r"\bbetter\b.{0,80}\bbut\b|\bbut\b.{0,40}\b(?:costs?|slower|heavier|harder|riskier|less|worse|more)\b",
            r"\bon the other hand\b|\bweigh(?:ing|s|ed)?\b|\bi'?d rather\b|\bbuy vs\b|\bbuild (?:vs|or|versus)\b",
            r"\bonly if\b|\boptions?\b|\balternatives?\b|\bsafer but\b|\bthe more we\b|\bless data\b",
            r"\bcompar\w+ (?:the )?(?:two|both|them)\b|\blose (?:a little|some|a bit)\b|\bgive up\b|\bstart simple\b",
            r"\bfirst because\b|\b(?:try|move to|switch to|use) \w+(?: \w+)? (?:only )?(?:if|when)\b|\bworth (?:it|the)\b",
            r"\bnot just\b|\w+, not (?:a |the )?\w+",
            r"\b(?:needs?|requires?|takes?) (?:far |much |a lot |many times )?more (?:data|compute|labels|memory|time|tuning|examples|engineering)\b",
            r"\b(?:harder|easier|simpler|quicker|slower|cheaper|costlier) to (?:debug|explain|maintain|tune|train|serve|run|build|audit|interpret|update)\b",
            r"\b(?:gr[ae]y zones?|hybrids?|the pragmatic (?:answer|choice)|deciding factors?|it depends on|depends on (?:the )?(?:data|latency|volume|budget|use case))\b",
            r"\b(?:cheap|small(?:er)?|fast(?:er)?|light(?:er)?)[- ]?(?:\w+ )?(?:model )?for\b.{0,40}\b(?:larger|bigger|heavier|expensive|slower)\b",
        ),
    ),
    Concept(
        "guardrail",
        "risk_and_responsibility",
        "handles wrong, invented or unsafe output with guardrails, fallbacks or a human",
        _rx(
            r"\bhallucinat\w*|\binvent(?:s|ed|ing)?\b|\bmade[- ]up\b|\bmak(?:e|es|ing) (?:things|stuff|it) up\b|\bfabricat",
            r"\bground(?:ed|ing)\b|\bcit(?:e|es|ing|ation)s?\b|\bsource\b|\bretriev(?:e|es|al)\b|\btool call",
            r"\brefus(?:e|es|al|als)\b|\bdeclines?\b|\b(?:content|safety|toxicity|own|vendor'?s?|hard) filters?\b|\bblock(?:s|ed)?\b(?! the user)|\bmoderat",
            r"\bescalat\w*|\bhand(?:s|ing)? (?:it )?off\b|\bhandoff\b|\b(?:talk|speak) to a (?:person|human|agent)\b",
            r"\bfalls? back\b|\bfallback\b|\bkill switch\b|\bplaceholders?\b|\bsystem prompt\b|\bprompt (?:\w+ ){0,2}(?:tells|restricts|keeps|limits)",
            r"\baccept(?:s|ed)? or reject|\bhas to accept\b|\buntil (?:the person|the user|they) (?:says yes|accepts?)",
            r"\btracked (?:change|edit)\b|\bundo\b|\bkeep (?:the )?original\b|\bred[- ]team|\badversarial\b|\bjailbreak",
            r"\bsafety\b|\bunsafe\b|\btoxic\w*|\bguardrails?\b|\bkept .{0,40}\bhuman\b|\bagents? (?:edit|review|approve)",
            r"\bkeep (?:agents|people|humans|a person|reviewers) (?:on|in)\b|\b(?:fully|only) human\b|\bwithout an? (?:agent|human|person)\b",
            r"\bhumans? (?:approve|check|sign off|in the loop)\b|\bbefore (?:sending|it goes out|publishing)\b",
            r"\b(?:stays?|keeps?) (?:on|in) (?:scope|topic)\b|\bout of scope\b|\bscope cut\b",
            r"\blow-confidence\b|\bconfidence (?:threshold|score)\b",
        ),
    ),
    Concept(
        "privacy",
        "risk_and_responsibility",
        "protects privacy and consent",
        _rx(
            r"\bprivacy\b|\bprivate\b|\bconsent(?:ed|s)?\b|\bopt(?:s|ed)?[- ]?(?:in|out)\b|\bpermission\b",
            r"\bpersonal data\b|\bpii\b|\banonymi[sz]|\bdelet(?:e|es|ed|ion)\b|\bretention\b",
            r"\b(?:not|never|isn't|aren't) (?:be )?used (?:to|for) train|\bno-?training\b|\bnot train on\b",
            r"\bforbids training\b|\bbiometric\b|\bsensitive data\b|\bminimi[sz]\w+|\bencrypt",
            r"\badmin(?:s)? (?:controls?|can)\b|\bswitch (?:the \w+ )?off\b|\bturn off\b|\bleave the (?:phone|device)\b",
            r"\boff the device\b|\bon-device\b|\bgdpr\b|\bhipaa\b|\bdata protection\b",
        ),
        responsible=True,
    ),
    Concept(
        "fairness",
        "risk_and_responsibility",
        "checks fairness across groups",
        _rx(
            r"\bfair(?:ness|er|ly)?\b|\bbias(?:ed|es)?\b|\bdiscriminat\w*|\bdisparat\w+|\bproxy\b|\bproxies\b",
            r"\bprotected (?:attribute|group|class)\w*|\brace\b|\bethnicity\b|\bgender\b|\bskin tones?\b",
            r"\baccents?\b|\bper[- ]group\b|\bby (?:group|segment|accent|skin tone|language|market)\b",
            r"\bunder-?represented\b|\bequal(?:ized)? (?:odds|opportunity)\b|\bdemographic parity\b",
            r"\b(?:rates?|outcomes?|errors?|performance) (?:by|across|per|for each) (?:\w+ )?(?:groups?|segments?)\b|\bsegments? (?:separately|worse)\b|\bsmall(?:er)?[- ]network users\b|\bsegment-level\b",
        ),
        responsible=True,
    ),
    Concept(
        "transparency",
        "risk_and_responsibility",
        "is transparent with users about what the model does",
        _rx(
            r"\bexplain(?:s|ed|ing|ability|able)?\b|\btransparen\w+|\bdisclos\w+|\bprovenance\b|\bwatermark",
            r"\b(?:label|labeled|labelled|tag|tagged|marked|mark) (?:\w+ ){0,3}(?:as )?(?:ai|edited|altered|generated)\b",
            r"\bclearly marked\b|\bshow (?:a |the )?(?:simple )?reasons?\b|\breasons? (?:like|shown)\b|\badverse action\b",
            r"\bsay (?:so )?plainly\b|\btell (?:them|users|people)\b|\bclear reason\b",
        ),
        responsible=True,
    ),
    Concept(
        "safety_misuse",
        "risk_and_responsibility",
        "anticipates misuse, abuse and harm to people",
        _rx(
            r"\bmisuse\b|\babuse\b|\bdeepfakes?\b|\bharass\w*|\bsexual\b|\bminors?\b|\bchildren\b|\bkids?\b",
            r"\bharms?\b|\bharmful\b|\bdangerous\b|\bblock(?:s|ed)? (?:\w+ ){0,2}removal\b|\bclothing\b",
            r"\bbystanders?\b|\bpeople in the (?:room|background)\b|\bexpose\b|\bmedical (?:or legal )?advice\b",
        ),
        responsible=True,
    ),
    Concept(
        "legal",
        "risk_and_responsibility",
        "brings in the legal and regulatory side",
        _rx(
            r"\blegal\b(?! (?:questions?|advice|documents?|contracts?|briefs?|research|text|domain|tech|industry|field|pads?|size))|\bcompliance\b|\bregulat\w+|\blaws?\b|\blawyers?\b|\bfair lending\b|\bsign[- ]off\b"
        ),
        responsible=True,
    ),
    Concept(
        "ownership",
        "ownership_and_leadership",
        "shows the candidate's own decisions in the AI work",
        _rx(
            r"\bI (?:\w+ )?(?:decided|chose|proposed|pushed|asked|owned|built|set up|defined|designed|led|"
            r"negotiated|brought|ran|wrote|picked|insisted|convinced|framed|reframed|found|analy[sz]ed|"
            r"estimated|showed|put|gave|made|realized|argued|offered|scoped|created|drove|changed)\b",
            r"^(?:Chose|Built|Owned|Decided|Designed|Led|Defined|Cut|Reduced|Scoped|Created|Drove|Shipped|"
            r"Launched|Set up|Grew|Raised|Replaced|Trained|Negotiated)\b",
            r"\bmy (?:call|decision|proposal|recommendation)\b",
        ),
    ),
    Concept(
        "framing",
        "problem_framing",
        "frames the business goal as a well-defined ML problem with a success measure",
        _rx(
            r"\boptimi[sz]e for\b|\bobjective\b|\btarget (?:is|variable|outcome)\b|\bthe goal\b",
            r"\bclassification\b|\bregression\b|\branking\b|\bclustering\b|\bsupervised\b|\bunsupervised\b",
            r"\bpredict(?:s|ing|ion)?\b|\bsuccess (?:is|means|metric)\b|\bwhat 'ready' means\b|\bdefine[sd]? (?:the )?(?:target|success|ready|outcome)",
            r"\bwhen (?:ml|a model|machine learning) is\b|\brules\b(?= .{0,40}\b(?:instead|first|enough))",
            r"\bdecision (?:we'?re|we are) making\b|\bthe (?:deciding|business) question\b|\bthe real question\b",
        ),
    ),
    Concept(
        "product_design",
        "product_judgment",
        "designs the experience around what the model can and cannot do",
        _rx(
            r"\btracked (?:change|edit)s?\b|\binline\b|\bwhere the (?:writing|work|user) (?:happens|is)\b|\bin context\b",
            r"\b(?:show|shows|return|returns) (?:two|three|several|multiple|\d) (?:options|variants|versions)\b",
            r"\bregenerate\b|\bretry\b|\bbefore and after\b|\bsuggestion (?:block|mode)\b",
            r"\bscope\b|\bv1\b|\bv2\b|\bfirst version\b|\blaunch narrow\b|\bstart with\b",
            r"\bpain(?:ful)? (?:points?|moments?)\b|\b(?:users|people) already (?:try|do)\b|\bjobs?\b",
        ),
    ),
)

CONCEPT_BY_ID: dict[str, Concept] = {c.id: c for c in CONCEPTS}

# --- negative signals --------------------------------------------------------------------------

DISMISSAL = _rx(
    r"\b(?:isn'?t|is not|aren'?t|are not|not|no|nothing|never) (?:really |actually |much of |even )?(?:an? |our |the )?(?:real )?"
    r"(?:issue|problem|concern|priority|worry|risk|big deal|factor)\b",
    r"\bdon'?t (?:think|see) (?:that'?s |it'?s |this is |there'?s |a |any )?(?:\w+ )?(?:our |an? |the )?(?:issue|problem|concern|relevant|needed)",
    r"\b(?:just|mostly|only|merely) a (?:legal )?(?:checkbox|formality|box to tick|compliance step)\b",
    r"\b(?:legal|lawyers|the vendor|compliance|the terms of service|terms of service|tos) (?:will |can |would )?(?:handle|cover|take care)",
    r"\bkills? the (?:\w+ )?(?:rate|conversion|upload|signup)s?\b|\bjust math\b|\bcan'?t be (?:biased|discriminat\w+|unfair)\b",
    r"\btheir (?:own )?business\b|\bnot our (?:problem|job|concern)\b|\bdon'?t need to worry\b|\bno need to worry\b",
    r"\bisn'?t really personal\b|\bnot really personal\b|\bno (?:privacy|fairness|bias|consent|safety) (?:issue|concern|problem|risk)",
    r"\b(?:isn'?t|not) (?:really )?personal data once\b|\bdoesn'?t use (?:race|gender)\b.{0,60}\bcan'?t be\b",
    r"\b(?:consent|privacy|that) is covered\b|\baccepts? the terms\b|\btreats everyone (?:equally|the same)\b|\bworking as designed\b",
    r"\b(?:doesn'?t|does not|can'?t|cannot) (?:know|see|use) (?:anything about )?(?:race|gender|ethnicity|dialect|age|religion)\b",
    r"\brules are rules\b|\bnothing for the model to be biased\b|\bnot to overreact\b|\bjust (?:comparing|matching) (?:pixels|faces|numbers)\b",
    r"\b(?:is|are) (?:objective|neutral)\b|\bjust a disclaimer\b|\bdon'?t see a reason to\b",
    r"\bautomatically at signup\b|\bwithout asking\b|\bkeep (?:all|everything)\b.{0,30}\b(?:indefinitely|forever)\b",
    r"\b(?:remov|exclud|drop|strip|leav)\w* (?:\w+ ){0,4}(?:protected (?:attributes|characteristics|classes)|race|gender|ethnicity|demographics?)\b.{0,80}\b(?:so|therefore|which means|means)\b.{0,40}\b(?:fair|unbiased|neutral|can'?t|cannot|no bias|not biased)\b",
    r"\b(?:is|are|will be) (?:fair|unbiased|neutral) because (?:it|we|the model) (?:\w+ ){0,3}(?:doesn'?t|does not|never|don'?t) (?:see|use|include|know)\b",
    r"\b(?:no|without any) (?:need for )?(?:recourse|appeal)\b|\bcan'?t (?:appeal|contest)\b",
    r"\bno (?:opt[- ]?(?:out|in)|consent|notice|disclosure) (?:is |was )?(?:needed|required|necessary)\b|\bwithout (?:needing |requiring |asking for )?(?:their |any |user )?(?:consent|opt[- ]?in|permission)\b",
    r"\b(?:ai|the model|algorithms?|machines?|it) (?:is|are) (?:also |simply |just |far |much )*(?:more )?(?:objective|neutral|impartial|unbiased)\b",
    r"\btreats? (?:every|each|all) \w+ (?:the same|equally|identically)\b",
)

DETERMINISTIC = _rx(
    r"\b100 ?% (?:accura\w+|correct|precision|reliable)\b|\bcorrect (?:answer )?every time\b|\balways (?:be )?(?:right|correct|accurate)\b",
    r"\bzero (?:defects|bugs)\b|\ball (?:the )?(?:bugs|test cases) (?:are |were )?(?:fixed|pass(?:ed)?)\b",
    r"\btest cases?\b.{0,60}\b(?:expected|pass|correct)\b|(?<!best )(?<!highest )(?<!average )(?<!mean )(?<!total )(?<!maximum )(?<!lowest )\bexpected (?:answer|output|result)s?\b",
    r"\b(?:log(?:ged)?|file[ds]?) (?:\w+ ){0,3}as (?:a )?bugs?\b|\bno (?:open )?blocker bugs\b",
    r"\bwill get (?:it |them )?right\b|\bclear rules the model\b|\bis correct and we ship\b|\bthe ranking is correct\b",
    r"\beliminat\w+ (?:the need for )?(?:\w+ )?(?:human|legal|manual) review\b|\bauto-?(?:approves?|applie?s?|corrects?)\b(?! (?:below|above|under|over|when|if|at|only|threshold))",
    r"\bsame as (?:for )?any (?:other )?feature\b|\bquality is non-negotiable\b|\bdidn'?t need to worry\b",
    r"\bit'?s a proven product\b|\b(?:vendor|they) told us it was \d+ ?% accurate\b",
    r"\b(?:when|once) everything is green\b|\bfixes all\b.{0,30}\bautomatically\b",
    r"\b(?:will|would) (?:always )?(?:give|be|produce|return) (?:the )?(?:correct|right|accurate)\b|\banswers are (?:reliable|correct|accurate)\b",
    r"\bwe know (?:the answers|it) (?:are|is) (?:correct|right|accurate)\b|\b(?:always|guaranteed) (?:be )?(?:correct|right|green)\b",
    r"\bguaranteed (?:green|correct|accura\w+|results?|builds?)\b|\bnever goes stale\b|\bmake sure all (?:\w+ )?pass\b|\bno human (?:labeling|review|check) (?:is )?needed\b",
    r"\bautomatically (?:deactivat|ban|suspend|refund|merg|approv|terminat|reject)\w*|\bis automatically (?:deactivated|banned|suspended)\b",
    r"\bmerges? (?:\w+ ){0,3}directly\b|\b(?:the model|it|the classifier) (?:is|'s) (?:objective|neutral)\b",
    r"\btest scripts?\b.{0,60}\bexpected\b|\bkeeps iterating until all tests pass\b",
    r"\b(?:passed|pass) (?:all )?(?:of )?(?:our |the )?(?:uat|qa)\b|\buat test cases\b|\bmodel had a bug\b|\bshould never happen\b",
    r"\bcouldn'?t happen again\b|\b(?:tested|proven) product\b|\bbug that needed to be fixed\b",
    r"\b(?:predict|catch|detect|flag|identify|prevent|answer|stop|block|find)\w* (?:\w+ )?100 ?%|\b100 ?% of (?:the |all )?(?:\w+ )?(?:outages|cases|fraud|questions|errors|defects|failures|incidents|churners|spam)\b",
    r"\bcan'?t (?:give|make|produce|return|say) (?:a |an |anything )?(?:wrong|incorrect|false|mistakes?)\b|\bnever (?:makes? (?:a )?mistakes?|gets? it wrong|wrong)\b",
    r"\b(?:will|would|can) (?:automatically |just )?(?:learn|figure out|discover) (?:all |everything|the patterns|what)\b",
    r"\bno (?:need for )?(?:human|manual) (?:review|oversight|check\w*) (?:is )?(?:needed|required|necessary)\b|\bremoves? the need for (?:human|manual) review\b",
    r"\b(?:is|are|it'?s|they'?re|will be|would be) (?:basically |about |over |nearly |roughly |practically |essentially |pretty much )*(?:9\d(?:\.\d+)?|100) ?% (?:accurate|correct|reliable|right)\b",
    r"\b(?:never|won'?t|can'?t) happen again\b|\bso (?:it|this|that) (?:never|won'?t) (?:happens?|occurs?) again\b|\bone-off bug\b",
    r"\bautomatically (?:fail|reject|deny|denie|remov|block|flag)\w*\b(?! for (?:human |manual )?review)",
)

DETERMINISTIC_CLAIMS = _rx(
    r"\b(?:answers?|handles?|resolves?|classif(?:y|ies)|predicts?|catches|detects?|transcribes?|translates?) (?:every|all|each) (?:\w+ ){0,2}(?:correctly|right|accurately|perfectly|flawlessly|without (?:an? )?(?:errors?|mistakes?))\b",
    r"\balways (?:do|does|picks?|chooses?|gives?|finds?|says?) (?:\w+ )?(?:the )?(?:right|correct|best) (?:thing|answer|action|one|intent)\b",
    r"\b(?:knows|understands|has read) (?:almost |basically |practically |nearly |just about )?(?:everything|all the answers|the whole internet)\b",
    r"\bmake sure (?:they|it|everything|each (?:one|of them)|all of them) (?:all |each )?works?\b(?! (?:well )?(?:for|across) )",
    r"\bautomatic (?:denials?|rejections?|bans?|suspensions?|terminations?|approvals?)\b(?! (?:is|are) (?:reviewed|checked))",
)
"""More claims that the model is always right, in plain words ("answers every question correctly", "knows
almost everything", "make sure they all work"). Kept apart from DETERMINISTIC so the gate (gate.py) runs each
alternation only on sentences that can match it; detect() reports both as the 'deterministic' warning."""

ENGAGEMENT_METRIC = _rx(
    r"\bclick[- ]?through(?: rate)?\b|\bctr\b|\bclicks?\b|\bdau\b|\bmau\b|\btime spent\b|\bsession length\b",
    r"\bengagement\b|\badoption\b|\bgmv\b|\bbookings\b|\bopen the panel\b|\bweekly users\b",
)

MISCONCEPTION = _rx(
    r"\bauc\b.{0,80}\b(?:right|correct|accurate) \d+ ?% of the time\b|\bauc is (?:basically |just )?(?:the )?accuracy\b",
    r"\b(?:higher|more) (?:auc|accuracy) is always better\b",
    r"\boverfitting is when the model is too simple\b|\btoo simple for the data\b.{0,80}\boverfit",
    r"\btest(?: set)? (?:accuracy )?is higher than (?:on )?(?:the )?train\w*.{0,60}\boverfit",
    r"\btrain (?:it )?longer\b.{0,60}\b(?:learn|fit)s? the training data better\b",
    r"\b(?:clustering and classification|classification and clustering) are (?:pretty much |basically |really )?the same\b",
    r"\bno (?:right or wrong|evaluation problem)\b|\bdon'?t need a test set\b",
    r"\bif (?:ctr|clicks|engagement|it) goes up,? (?:the model|it) (?:is|'s) working\b",
    r"\b(?:accuracy|auc) (?:on the test set )?is (?:good|high)\b.{0,60}\bdoing its job\b",
    r"\boptimi[sz]e precision, recall\b.{0,40}\b(?:all together|at once|simultaneously)\b",
    r"\b(?:deep learning|an llm|llms)\b.{0,40}\bmore accurate than\b",
    r"\bregardless of the use case\b|\bonly when the data is bad\b",
    r"\bprecision is (?:how precise|basically (?:its |the )?accuracy)\b|\brecall is (?:about memory|how well the model recalls)\b",
    r"\b\d+ ?% (?:precision|accuracy|auc) for (?:any|every|all) models?\b|\bcold start is when\b.{0,60}\b(?:servers?|cach\w+)\b",
    r"\bcollaborative filtering is when\b.{0,40}\bteams?\b|\bno need for (?:manual )?feature engineering\b",
    r"\bdiscover the patterns on their own\b|\b(?:learns|figures out) everything automatically\b",
    r"\bskip(?:s|ping)? (?:the )?(?:offline (?:evaluation|testing|metrics?)|evaluation|test set|validation|backtest\w*)\b",
    r"\b(?:offline (?:evaluation|metrics?|testing)|test sets?|precision (?:and|or) recall)\b.{0,60}\b(?:are|is) (?:just |purely |mostly |only )?(?:academic|theoretical|overkill|a waste|vanity|pointless|unnecessary|not needed)\b",
    r"\bno need (?:for|to) (?:an? )?(?:offline (?:evaluation|test\w*)|test set|evaluat\w+|validat\w+)\b|\b(?:don'?t|won'?t|do not|will not) (?:really )?need (?:an? )?(?:offline (?:evaluation|metrics?)|test set|evaluation)\b",
    r"\b(?:overall )?(?:precision|accuracy) is \d+ ?% on our test set\b.{0,40}\b(?:above|beats) industry\b",
    r"\b(?:percentage|share) of (?:hours|days|predictions) where the predicted\b",
    r"\bsupervised learning (?:is|means) (?:when |where |that |basically |just )*(?:a )?(?:humans?|people|someone|moderators|reviewers|a person) (?:\w+ ){0,2}(?:supervis|oversee|review|monitor|check|approv|watch)\w*",
    r"\bsupervised learning (?:is|means) (?:\w+ ){0,4}(?:human[- ]in[- ]the[- ]loop|human oversight|human review)\b",
    r"\bunsupervised learning (?:is|means) (?:when |where |that |basically |just )*(?:\w+ ){0,4}(?:autonomous\w*|on its own in production|without (?:any )?(?:human|people|oversight|supervision|review)|no (?:human|oversight|supervision))",
    r"\breinforcement learning (?:is|means) (?:basically |just |simply )?(?:rlhf|(?:\w+ ){0,6}(?:thumbs[- ]up|likes|upvotes|star ratings|user ratings) (?:\w+ ){0,4}(?:in real time|live|instantly))\b",
    r"\bdata leakage (?:is|means) (?:when |where |that |basically |just )*(?:\w+ ){0,3}(?:sensitive|personal|private|confidential|customer|pii)\b",
    r"\b(?:high|good|strong) (?:auc|accuracy|ranking)\b.{0,80}\b(?:probabilities|scores|confidences?) (?:are|will be|is) (?:reliable|calibrated|trustworthy|accurate)\b",
    r"\bcalibration (?:follows|comes for free|takes care of itself|is (?:mostly )?(?:taken care of|automatic))\b|\bcalibrat\w+ (?:is|are) (?:\w+ ){0,3}taken care of by (?:having )?a good model\b",
    r"\b(?:calibration|fairness|offline evaluation|evaluation|monitoring|drift|leakage) (?:is|'s) (?:\w+ ){0,2}(?:an? )?(?:academic|theoretical) (?:concern|issue|problem|exercise|detail|thing)\b|\b(?:more of|mostly|just|purely) an academic (?:concern|issue|problem|exercise)\b",
)

ACCURACY_HEADLINE = _rx(r"\baccuracy\b")
RARE_EVENT = _rx(
    r"\bfraud\w*|\brare\b|\bimbalanc\w+|\banomal\w+|\bdefault(?:s|ed)?\b|\bchurn\b|\bforecast\w*|\bhow many\b|\bdemand\b",
    r"\bchargebacks?\b|\bspam\b|\babuse\b|\boutages?\b|\bdefects?\b|\brisky (?:orders|transactions|sellers|accounts|users)\b",
)

BOLT_ON = _rx(
    r"\b(?:add|adding|added|put|putting)\b.{0,50}\b(?:panel|section|tab|sidebar|side panel|column|widget|menu|button|page)\b",
    r"\bnext to (?:our|the) existing\b|\b(?:itself )?stays? the same\b|\bunchanged\b|\bcopy (?:and paste|what|it)\b",
    r"\bhelp menu\b|\bchat (?:panel|window|widget)\b|\bseparate (?:section|tab|chat)\b",
)
AI_NATIVE = _rx(
    r"\btracked (?:change|edit)s?\b|\bwhere the (?:writing|work) happens\b|\brather than in a separate\b",
    r"\bredesign\w*\b|\bdesigned? around\b|\bin the (?:flow|workflow|editor) itself\b",
)
NON_OWNERSHIP = _rx(
    r"\bworked (?:closely )?with the (?:\w+ )*team (?:that|who) built\b|\bintegrated (?:a |an |the )?third-party\b",
    r"\bengineering picks\b|\bthat'?s their area\b|\b(?:i )?trust the data scientists\b|\bdidn'?t (?:really )?get into\b",
    r"\bmy (?:director|manager|vp|boss) decided\b|\bescalated to the vendor\b|\bthe vendor (?:told us|said|was fixing)\b",
    r"\b(?:we )?bought (?:an? |the )?(?:ai )?\w+ from a vendor\b|\bsupported the (?:\w+ )?team\b|\bwas part of (?:a|the) team\b",
    r"\bleft (?:it|that) to (?:the )?(?:data scientists|engineers|ml team)\b|\bi'?m not technical\b",
    r"\bmanaged the vendor\b|\bvendor relationship\b|\bcoordinat\w+ (?:\w+ ){0,2}(?:timelines|across|with)\b",
    r"\bescalated to (?:their|the vendor'?s?)\b|\bthe vendor was working on it\b|\bvendor'?s account team\b",
    r"\b(?:data science|ml|engineering|data) team (?:would|will) own (?:the )?(?:score|model)\b",
    r"\b(?:rolled out|procured|purchased|licensed|onboarded|deployed) (?:\w+ ){0,3}(?:third-party|off-the-shelf|vendor'?s?|github copilot|copilot|chatgpt)\b",
    r"\b(?:the )?(?:data science|ml|engineering|vendor'?s?) team (?:owned|handled|decided|chose|did|ran|wrote)\b|\bmy (?:role|job|part) was (?:to )?(?:coordinat|manag|schedul|track|align|facilitat)\w*",
)
VENDOR_CLAIM = _rx(
    r"\b(?:vendor|provider|they)\w*\b.{0,50}\b(?:quoted|claimed|reports?|said|told us|promised)\b.{0,30}\d+(?:\.\d+)? ?%",
)
ML_VOCAB = _rx(
    r"\bmodels?\b|\bml\b|\bai\b|\balgorithm\w*|\bpredict\w*|\bforecast\w*|\bclassif\w+|\btrain\w*|\bllms?\b",
    r"\bneural\b|\bembedding\w*|\bmachine learning\b|\bchat ?bot\w*|\bassistant\b|\bgpt\w*|\bscor(?:e|ing)\b|\brank\w*",
    r"\brecommend\w*|\bpersonali[sz]\w+|\bautomat\w+|\bprecision\b|\brecall\b|\bauc\b|\blabel\w*|\bfeatures?\b",
    r"\bcluster\w*|\bgenerative\b|\bgenerated\b|\bprompt\w*|\bfine-?tun\w+|\bfairness\b|\bbias\b|\bconsent\b|\bprivacy\b",
)

JARGON = _rx(
    r"\bstate[- ]of[- ]the[- ]art\b|\bgraph neural networks?\b|\bgnns?\b|\bnode2vec\b|\btwo[- ]tower\b|\btransformers?\b",
    r"\brlhf\b|\btransfer learning\b|\bshap\b|\blime\b|\bdifferential privacy\b|\bmlops\b|\bfeature store\b",
    r"\bci/cd\b|\bdrift(?: monitoring)?\b|\bprecision\b|\brecall\b|\bf1\b|\bauc\b|\broc\b|\brag\b|\bagentic\b",
    r"\bvector databases?\b|\bfine-?tun\w+|\bguardrails?\b|\bred[- ]teaming\b|\bllm-as-a-judge\b|\bllms?\b",
    r"\bbleu\b|\brouge\b|\bperplexity\b|\bgroundedness\b|\bhallucination(?: rate)?\b|\bjailbreak\w*|\btoxicity\b",
    r"\bbias-variance\b|\bcross-validation\b|\bk-fold\b|\bstratified\b|\blearning curves\b|\bconfusion matrix\b",
    r"\bregularization\b|\bl1\b|\bl2\b|\bdropout\b|\bearly stopping\b|\bdata augmentation\b|\bensembling\b",
    r"\bbagging\b|\bboosting\b|\bpruning\b|\bfeature selection\b|\bhyperparameter\w*|\bbayesian optimi[sz]ation\b",
    r"\bdemographic parity\b|\bequali[sz]ed odds\b|\bequal opportunity\b|\bdisparate impact\b|\bfour-fifths\b",
    r"\breweighing\b|\badversarial debiasing\b|\bthreshold optimi[sz]ation\b|\bmodel cards\b|\bgovernance\b",
    r"\bexplainability\b|\bhuman-in-the-loop\b|\bblack[- ]box\b|\bresponsible ai\b|\bfairness\b|\bbias\b",
    r"\bdeep learning\b|\bmachine learning\b|\bneural\b|\bembeddings?\b|\bgenerative ai\b|\bgen ?ai\b|\bnlp\b",
    r"\bpersonali[sz]\w+|\bai-powered\b|\bllm-powered\b|\bml-powered\b|\bmodel uncertainty\b|\bdata privacy\b",
    r"\blstms?\b|\bautoencoders?\b|\bxgboost\b|\bmeta-learner\b|\bfederated learning\b|\bkafka\b|\bflink\b|\bkubernetes\b",
    r"\bmodel registry\b|\bdata lake\b|\bbig data\b|\bself-learning\b|\breinforcement learning\b|\bmulti-agent\b",
    r"\b(?:planner|coder|critic|tester) agents?\b|\breflection\b|\btree-of-thought\b|\bchain-of-thought\b|\bpinecone\b",
    r"\bhybrid search\b|\bre-?ranking\b|\bhyde\b|\bquery expansion\b|\bq?lora\b|\bpeft\b|\binstruction tuning\b|\bdpo\b",
    r"\blangchain\b|\bagentic framework\b|\bdata flywheel\b|\bexplainable ai\b|\banomaly detection\b|\bsemantic search\b",
    r"\bcosine similarity\b|\bvector (?:db|store|search)\b|\bembedding models?\b|\bfoundation models?\b|\bmixture of experts\b",
    r"\bknowledge graphs?\b|\bautoml\b|\bcomputer vision\b|\bpredictive analytics\b|\bdeep neural\b|\bai\b|\bml\b",
)
FLUFF = _rx(
    r"\bleverag\w+|\bsynerg\w+|\bai-first\b|\bcutting[- ]edge\b|\bstate[- ]of[- ]the[- ]art\b|\bbest practices\b",
    r"\bgame[- ]chang\w+|\brevolutioni[sz]\w+|\bunlock\w*|\bdigital transformation\b|\bnext[- ]gen\w*",
    r"\bworld[- ]class\b|\bseamless\w*|\bat scale\b|\bholistic\b|\bthe future\b|\bspearhead\w*",
    r"\btailored experiences?\b|\bwhatever users want\b|\bmagic\b|\bvirality\b|\bai[- ]powered\b|\bempower\w*",
    r"\bof course\b|\bvery important\b|\bit'?s important to\b|\bthe key is\b|\bfull (?:\w+ )?stack\b|\bcombine all\b",
    r"\bdrive (?:growth|engagement|value|virality)\b|\bdrives? engagement\b|\bscalable\b|\bbasically\b",
    r"\bnext-generation\b|\bself-healing\b|\bscales? infinitely\b|\bguaranteed\b|\bindustry standard\b|\bsmartest\b",
    r"\bgetting smarter\b|\bpowered by (?:machine learning|ai|ml)\b|\bthe right \w+ (?:to|for) the right\b|\bhuge opportunity\b",
    r"\bahead of every\b|\bpositions us\b|\bai-first\b|\bfully autonomous\b|\bdisrupt\w*|\bparadigm\b|\bsuperpower\b",
    r"\blearns? everything\b|\bfigure (?:it|everything) out\b|\bon (?:its|their) own\b|\bmost powerful\b",
    r"\bgreat (?:place|fit|use case|opportunity|candidate) for (?:ai|ml|machine learning|an llm)\b|\b(?:ai|intelligence) (?:capability|layer|engine|platform)\b",
    r"\bthe ai (?:will|would|can|automatically)\b|\bintelligent (?:automation|insights|platform)\b|\btransformative\b|\bcompetitive (?:edge|moat)\b",
)

CAUSAL = _rx(
    r"\bbecause\b|\bso that\b|\bsince\b|\botherwise\b|\bwhich means\b|\bthat means\b|\bthat'?s why\b|\btherefore\b",
    r"\bso (?:we|i|it|the|they|a|an|that|our)\b|\bin order to\b|\bto avoid\b|\bthe reason\b|\bif\b|\bunless\b",
    r"\bfor example\b|\be\.g\.|\bsay,?\b|\bsuch as\b|\blike (?:a|an|the|'|\")|\bwhen\b",
)
NUMBER = re.compile(r"\d")

LIMITS = _rx(
    r"\bmislead\w*\b(?= (?:you |us )?(?:when|with|mainly|if|because))|\bsays nothing about\b|\bignores\b|\bhides?\b",
    r"\bwon'?t (?:show|tell|catch)\b|\bcan'?t (?:tell|see|show)\b|\blooks? (?:great|good|tiny|fine) (?:while|but|even)\b",
    r"\bcan be very different\b|\bweak substitute\b|\bbreaks? down\b|\bfails? when\b|\bnot (?:a|the) (?:discovery|truth)\b",
    r"\bis a choice\b|\bdepends? on\b|\bonly (?:works|makes sense) (?:when|if)\b|\bbut\b.{0,60}\b(?:underfit|overfit)\w*",
)
STRONG_SOURCE = _rx(
    r"\blicensed\b|\bconsented\b|\bcommissioned\b|\bopt(?:s|ed)?[- ]in\b|\blogs?\b|\bhistor\w+|\bcollect\w*",
    r"\bfrom (?:our|the|real|staff|internal|public|sanitized)\b|\bsampled\b|\blabel\w*|\bnegatives\b|\bvolunteers\b",
    r"\bsynthetic\b|\bvendor\b|\bimpressions?\b|\bground[- ]truth\b",
)
ACTION_START = re.compile(
    r"^\s*(?!(?:Worked|Helped|Supported|Participated|Assisted|Contributed|Integrated|Collaborated|Partnered)\b)"
    r"(?:[A-Z][a-z]*(?:-[a-z]+)*ed|Built|Led|Ran|Cut|Grew|Drove|Made|Chose|Set|Wrote|Took|Won|Shipped|Owned|Spearheaded)\b"
)
TOKEN_GESTURE = _rx(r"\bdisclaimers?\b|\bterms of service\b|\bterms and conditions\b|\blegal checkbox\b")
PERSONAL_DATA = _rx(
    r"\b(?:customer|user|account|personal|health|medical|symptom|location|biometric|employee|patient)s?'? (?:account )?(?:data|records|history|details|information)\b",
    r"\bcall[- ]cent(?:er|re) transcripts\b|\bselfies?\b|\bfacial\b|\bface (?:match\w*|recognition|verification|id)\b|\bsocial graph\b",
    r"\bgeolocation\b|\bbiometrics?\b|\bcontacts? (?:list|book|upload)\b|\baddress books?\b|\bprivate messages\b|\bvoice recordings\b",
)
