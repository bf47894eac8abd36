"""The LLM interviewer phrases the probe the grader chose: one question, no answer given away.

The gap choice stays with the grader; on any failure the bank's (or generated) probe text is used.
"""

from __future__ import annotations

from hireloop.interview.probing import ProbeChoice, describe_gap
from hireloop.llm.client import LLMClient, LLMError

MAX_PROBE_CHARS = 300
SYSTEM = (
    "You are a sharp, friendly interviewer in an AI product manager interview. You ask one follow-up "
    "question at a time. You never reveal the answer, never name the technique you hope to hear, and never "
    "ask about something the candidate already covered. Reply with the question only."
)


def phrase_probe(client: LLMClient, *, question: str, answer: str, choice: ProbeChoice) -> ProbeChoice:
    prompt = (
        f"Interview question: {question}\n\nCandidate's answer so far:\n{answer[-4000:]}\n\n"
        f"The gap to probe: {describe_gap(choice.tests)}\n"
        f"A follow-up that probes it: {choice.text}\n\n"
        "Ask one natural follow-up question about this gap, in the terms of the candidate's own answer."
    )
    try:
        reply = client.chat(
            [{"role": "system", "content": SYSTEM}, {"role": "user", "content": prompt}],
            max_tokens=120,
            temperature=0.2,
        )
    except LLMError:
        return choice
    text = " ".join(reply.text.strip().strip('"').split())
    if not valid_probe(text, answer):
        return choice
    return ProbeChoice(text=text, tests=choice.tests, source="llm")


def valid_probe(text: str, answer: str) -> bool:
    """One question, of a sensible length, that does not just echo the candidate's answer back."""
    if not 15 <= len(text) <= MAX_PROBE_CHARS or not text.endswith("?") or text.count("?") > 2:
        return False
    return text.lower() not in answer.lower()
