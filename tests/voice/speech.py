"""Generated speech for the voice tests: Debian's espeak-ng reads a known text into a wav file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

DATA = Path(__file__).parent.parent / "data"


def espeak() -> str | None:
    return shutil.which("espeak-ng")


def speak(text: str, path: Path, *, words_per_minute: int = 150, ssml: bool = False) -> Path:
    """Write ``text`` as speech (22.05 kHz mono wav); SSML allows <break time="4s"/> pauses."""
    command = ["espeak-ng", "-v", "en-us", "-s", str(words_per_minute), "-w", str(path)]
    if ssml:
        command.append("-m")
    subprocess.run([*command, text], check=True, capture_output=True, timeout=120)
    return path


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("-", " ").replace("’", "'"))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word-level edit distance over the reference length."""
    ref, hyp = words(reference), words(hypothesis)
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / max(len(ref), 1)


def dev_answers(count: int = 10, *, low: int = 100, high: int = 300) -> list[str]:
    """Real answers from the dev set with 100-300 words: PM vocabulary, not toy sentences."""
    cases = yaml.safe_load((DATA / "dev-answers.yaml").read_text(encoding="utf-8"))
    picked = []
    for case in cases:
        text = " ".join(case["answer"].split())
        if low <= len(text.split()) <= high:
            picked.append(text)
        if len(picked) == count:
            break
    return picked
