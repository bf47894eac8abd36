"""Target and story pages over a real HTTP server, and each member's targets and stories kept apart."""

from __future__ import annotations

from pathlib import Path

import httpx
import yaml

from tests.web.test_multi_user import hosted, signed_in  # noqa: F401  (fixture reused)

DATA = Path(__file__).parents[1] / "data"
JDS = {j["id"]: j["text"] for j in yaml.safe_load((DATA / "jds" / "dev.yaml").read_text(encoding="utf-8"))}
BANK_MD = (DATA / "stories" / "bank.md").read_bytes()


def _add_target(client: httpx.Client, jd_id: str = "dev-fraud-ml-senior") -> str:
    response = client.post("/targets", data={"text": JDS[jd_id], "company": "Ledgerly", "when": "2027-03-01"})
    assert response.status_code == 303, response.text
    return response.headers["location"].rsplit("/", 1)[1]


def test_target_page_quotes_and_corrections(server: str) -> None:
    client = httpx.Client(base_url=server)
    tid = _add_target(client)
    page = client.get(f"/targets/{tid}").text
    assert 'data-field="domains"' in page and 'data-id="fraud-risk"' in page
    assert '<mark class="strength"' in page and "“Senior”" in page
    fixed = client.post(
        f"/targets/{tid}/correct",
        data={
            "domains": ["fraud-risk", "ads"],
            "level": "senior",
            "rounds": ["behavioral"],
            "company": "Ledgerly",
        },
    )
    assert fixed.status_code == 303
    page = client.get(f"/targets/{tid}").text
    ads = page.split('data-id="ads"')[1].split("</div>")[0]
    assert 'data-source="corrected"' in page and "your correction" in ads
    bad = client.post(f"/targets/{tid}/correct", data={"domains": ["crypto"], "level": "senior"})
    assert bad.status_code == 422 and "unknown value" in bad.text


def test_bad_job_descriptions_are_refused_with_the_reason(server: str) -> None:
    short = httpx.post(server + "/targets", data={"text": "Senior PM, fraud"})
    assert short.status_code == 422 and "too short to read as a job description" in short.text
    image = httpx.post(server + "/targets", files={"jd": ("jd.png", b"\x89PNG\x00\x00", "image/png")})
    assert image.status_code == 422 and "jd.png: not a PDF or a text file" in image.text
    upload = httpx.post(
        server + "/targets", files={"jd": ("jd.md", JDS["dev-recs-senior"].encode(), "text/markdown")}
    )
    assert upload.status_code == 303
    bad_date = httpx.post(server + "/targets", data={"text": JDS["dev-recs-senior"], "when": "soon"})
    assert bad_date.status_code == 422 and "expected YYYY-MM-DD" in bad_date.text


def test_story_round_trip_practice_feeds_the_grade_back(server: str) -> None:
    client = httpx.Client(base_url=server)
    imported = client.post("/stories/import", files={"bank_file": ("bank.md", BANK_MD, "text/markdown")})
    assert imported.status_code == 303
    page = client.get("/stories").text
    assert page.count('data-story="') == 2 and 'data-covered="yes"' in page
    sid = page.split('data-story="')[1].split('"')[0]
    started = client.post(f"/stories/{sid}/practice", data={"question_id": "beh-launch-rollback-call"})
    assert started.status_code == 303
    session_url = started.headers["location"]
    session = client.get(session_url).text
    assert "Ledgerly" in session  # the answer box starts with the story's own text
    assert 'id="from-story"' in session and f'href="/stories/{sid}"' in session
    text = session.split('id="answer"')[1].split(">", 1)[1].split("</textarea>")[0]
    for _ in range(5):
        response = client.post(session_url + "/answer", data={"text": text.replace("&#39;", "'")})
        if response.headers.get("location", "").endswith("/debrief"):
            break
        text = "I decided to roll back within the hour and I owned the call; the fallback was the old rules."
    assert "data-last-told=" in client.get("/stories").text
    story = client.get(f"/stories/{sid}").text
    assert 'id="practice-history"' in story and "grade " in story.split('id="practice-history"')[1]
    exported = client.get("/stories.md")
    assert exported.status_code == 200 and exported.text.count("\n## ") == 2
    assert client.get("/stories/not-a-story").status_code == 404


def test_members_cannot_see_each_others_targets_or_stories(hosted: str) -> None:  # noqa: F811
    ana, ben = signed_in(hosted, "ana"), signed_in(hosted, "ben")
    tid = _add_target(ana)
    assert (
        ana.post("/stories/import", files={"bank_file": ("b.md", BANK_MD, "text/markdown")}).status_code
        == 303
    )
    sid = ana.get("/stories").text.split('data-story="')[1].split('"')[0]
    assert ben.get(f"/targets/{tid}").status_code == 404
    assert ben.post(f"/targets/{tid}/correct", data={"level": "staff"}).status_code == 404
    assert ben.post(f"/targets/{tid}/delete").status_code == 404
    assert ben.post("/practice/loop", data={"target_id": tid}).status_code == 404
    assert ben.get(f"/stories/{sid}").status_code == 404
    assert ben.post(f"/stories/{sid}", data={"title": "mine now"}).status_code == 404
    assert ben.post(f"/stories/{sid}/practice").status_code == 404
    assert 'data-story="' not in ben.get("/stories").text and tid not in ben.get("/targets").text
    assert ben.get("/stories.md").text.count("\n## ") == 0
    assert ana.get(f"/targets/{tid}").status_code == 200


def test_bullets_against_a_target_role(server: str) -> None:
    client = httpx.Client(base_url=server)
    tid = _add_target(client)
    bullets = (
        "- Led the move from rules to a gradient-boosted fraud model trained on 18 months of chargebacks, "
        "cutting false declines from 3.1% to 1.8%\n"
        "- Ran weekly planning for a team of six engineers on checkout"
    )
    page = client.post("/bullets", data={"text": bullets, "target_id": tid}).text
    section = page.split('id="requirements"')[1].split("</div>")[0]
    fraud = section.split('data-requirement="domain:fraud-risk"')[1].split("</li>")[0]
    assert "“fraud”" in fraud and "Led the move from rules" in fraud
    fairness = section.split('data-requirement="skill:fairness"')[1].split("</li>")[0]
    assert "no bullet shows it" in fairness and "Prepare:" in fairness
    assert 'class="make-story" href="/stories/new?bullet=Led%20the%20move' in page
    assert client.post("/bullets", data={"text": bullets, "target_id": "nope"}).status_code == 404


def test_plan_page_offers_the_target_phases(server: str) -> None:
    from datetime import date, timedelta

    client = httpx.Client(base_url=server)
    assert 'id="plan-targets"' not in client.get("/plan").text
    tid = _add_target(client)
    when = (date.today() + timedelta(days=30)).isoformat()
    client.post(f"/targets/{tid}/correct", data={"when": when, "level": "senior", "company": "Ledgerly"})
    assert 'id="plan-targets"' in client.get("/plan").text
    page = client.get("/plan", params={"targets": "1"}).text
    assert 'id="target-phases"' in page and f'<h2 class="phase" data-target="{tid}">' in page
    assert "Your readiness for this role" in client.get(f"/targets/{tid}").text
