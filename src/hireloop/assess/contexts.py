# ruff: noqa: E501
"""Which situations a question and answer are about (rare events, time-ordered data, high-stakes
decisions...): a misconception is only wrong in the contexts its catalogue entry names.

Read from the question (with its bank notes and rubric) and from the answer, since a candidate often
names the situation the question left implicit ("fraud is 0.08% of orders").
"""

from __future__ import annotations

import functools
import re

from hireloop.assess.gate import Gate, starts_at_word

_I = re.IGNORECASE

CUES: dict[str, re.Pattern[str]] = {
    "rare_event": re.compile(
        r"\bfraud\w*|\brare\b|\bimbalanc\w+|\banomal\w+|\bdefault(?:s|ed|ing)?\b|\bchurn\w*|\bspam\w*|\babuse\w*"
        r"|\bchargebacks?\b|\bdefects?\b|\boutages?\b|\bfailures?\b|\bintrusions?\b|\bscams?\b|\bphishing\b"
        r"|\bmoney laundering\b|\baml\b|\bfake\b|\bbots?\b|\bcounterfeit\w*|\bmalware\b|\bself-harm\b|\bsuicid\w*"
        r"|\bsepsis\b|\bcancer\b|\btumou?rs?\b|\bdiagnos\w+|\bscreening\b|\bearly warning\b|\bcrisis\b"
        r"|\bposition(?:al)? rate\b|\bbase rate\b|\bpositive rate\b|\bclass imbalance\b|\bneedle\b"
        r"|\b0\.\d+ ?%|\b\d ?in (?:a )?(?:\d[\d,]*|thousand|ten thousand|million)\b|\bone in (?:a )?(?:\d|thousand|hundred|million)",
        _I,
    ),
    "temporal_data": re.compile(
        r"\bforecast\w*|\bdemand\b|\btime[- ]series\b|\bover time\b|\bseasonal\w*|\btrends?\b|\bchurn\w*|\bfraud\w*"
        r"|\bprices?\b|\bpricing\b|\bstock\b|\binventory\b|\bsales\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bhourly\b"
        r"|\bnext (?:day|week|month|quarter|year)\b|\bhistor(?:y|ical)\b|\bsessions?\b|\bclickstream\b|\blogs?\b"
        r"|\bETAs?\b|\bdelivery time\b|\bsensors?\b|\bpredictive maintenance\b|\bdefaults?\b|\bcredit\b|\bloans?\b"
        r"|\bmarket\w*|\bdrift\w*|\bsequen\w+",
        _I,
    ),
    "high_stakes_decision": re.compile(
        r"\bloans?\b|\bcredit\b|\blending\b|\bmortgages?\b|\bunderwrit\w+|\bhir(?:e|ing)\b|\brecruit\w*|\bcandidates?\b"
        r"|\bapplicants?\b|\bresumes?\b|\bcvs?\b|\bmedical\b|\bclinic\w*|\bpatients?\b|\bdiagnos\w+|\btriage\b"
        r"|\bhealth\w*|\binsuran\w+|\bclaims?\b|\bbenefits?\b|\bwelfare\b|\bhousing\b|\btenants?\b|\bbail\b"
        r"|\bparole\b|\bsentenc\w+|\bpolic(?:e|ing)\b|\bden(?:y|ied|ial|ies)\b|\bdeclin\w+|\bsuspen\w+|\bban(?:s|ned)?\b"
        r"|\bterminat\w+|\bfir(?:e|ed|ing)\b|\bchild\w*|\bminors?\b|\bteens?\b|\bsafety\b|\bfraud\w*|\bblock\w*"
        r"|\bfreez\w+|\bimmigration\b|\bvisa\b|\bstudents?\b|\bgrades?\b|\badmissions?\b|\bself-harm\b|\bcrisis\b",
        _I,
    ),
    "generative_output": re.compile(
        r"\bllms?\b|\bgpt\w*|\bchat ?bots?\b|\bassistants?\b|\bcopilots?\b|\bgenerat\w+|\bgen ?ai\b|\bsummar\w+"
        r"|\bdrafts?\b|\bdrafting\b|\bwrit(?:e|es|ing)\b|\bagents?\b|\bconversational\b|\bprompts?\b"
        r"|\blanguage models?\b|\bdiffusion\b|\bimage (?:generation|editing)\b|\brag\b|\bretrieval[- ]augmented\b"
        r"|\bhallucinat\w+|\bfine-?tun\w+|\bclaude\b|\bgemini\b|\bllama\b|\bfoundation models?\b|\btranscri\w+",
        _I,
    ),
    "agent_with_tools": re.compile(
        r"\bagents?\b|\bagentic\b|\btools?\b|\btool[- ]use\b|\bfunction[- ]call\w*|\bmcp\b|\bon (?:the |their )?(?:user'?s? )?behalf\b"
        r"|\bbook(?:s|ing)? (?:a |the )?(?:flights?|tables?|appointments?|hotels?|meetings?)\b|\bsends? emails?\b"
        r"|\bbrows(?:e|es|ing|er)\b|\bcomputer[- ]use\b|\bexecut\w+ (?:code|actions?|commands?)\b|\btakes? actions?\b"
        r"|\bpurchas\w+|\bcheckout\b|\bapi calls?\b|\bplugins?\b|\bautomat\w+ (?:workflows?|actions?)\b",
        _I,
    ),
    "regulated_domain": re.compile(
        r"\bloans?\b|\bcredit\b|\blending\b|\bmortgages?\b|\bbank\w*|\binsuran\w+|\bhealth\w*|\bmedical\b|\bclinic\w*"
        r"|\bpatients?\b|\bhir(?:e|ing)\b|\bemploy\w+|\brecruit\w*|\bhousing\b|\bgdpr\b|\bhipaa\b|\bfcra\b|\becoa\b"
        r"|\bai act\b|\bregulat\w+|\bcompliance\b|\bchild\w*|\bminors?\b|\bteens?\b|\bbiometric\w*|\bfacial\b"
        r"|\bfinanc\w+|\bpayments?\b|\bfraud\w*|\beducation\b|\bstudents?\b|\bpublic sector\b|\bgovernment\b",
        _I,
    ),
    "ranking": re.compile(
        r"\bsearch\w*|\brank\w*|\brecommend\w*|\brecs\b|\bfeeds?\b|\bretriev\w+|\bads?\b|\badvertis\w+|\bcarousel\b"
        r"|\bresults? page\b|\bndcg\b|\bmrr\b|\btop[- ]?k\b|\bplaylists?\b|\bpersonali[sz]\w+|\bmatch(?:es|ing)\b",
        _I,
    ),
    "adversarial": re.compile(
        r"\bfraud\w*|\bspam\w*|\babuse\w*|\battack\w*|\badversar\w+|\bscam\w*|\bbots?\b|\bfake\b|\bmanipulat\w+"
        r"|\bgam(?:e|ing) the\b|\bevad\w+|\bevasion\b|\bmoderat\w+|\bphishing\b|\bmalware\b|\bsecurity\b"
        r"|\bprompt injection\b|\bjailbreak\w*|\bmoney laundering\b|\bcounterfeit\w*|\bcollusion\b|\bsybil\b",
        _I,
    ),
}


_GATE = Gate(CUES)
_AT_WORD = {ctx: starts_at_word(rx) for ctx, rx in CUES.items()}


def contexts_of(question: str, answer: str) -> frozenset[str]:
    """The contexts named by the question or the answer (one scan says which cue lists to search).

    No cue spans a line break, so the question's contexts (computed once per question) and the answer's
    together are those of the two texts joined by one."""
    asked = _question_contexts(question)
    return asked | _contexts(answer, every=asked)


@functools.lru_cache(maxsize=1024)
def _question_contexts(question: str) -> frozenset[str]:
    return _contexts(question)


def _contexts(text: str, every: frozenset[str] = frozenset()) -> frozenset[str]:
    st = _GATE.starts(text)
    return frozenset(
        ctx
        for ctx, rx in CUES.items()
        if ctx not in every and ctx in st and (st.first(ctx, rx) if _AT_WORD[ctx] else rx.search(text))
    )
