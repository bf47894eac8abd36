"""schemathesis over the app's own OpenAPI schema, against a real server on each database: whatever
it sends, valid or not, the answer is never a 500. Bounded in examples so it runs in about a minute.

Driven through ``as_strategy`` rather than schemathesis' pytest plugin, which does not run under
pytest 9."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

from hireloop.web.app import create_app  # noqa: E402
from tests.helpers import live_server, make_settings  # noqa: E402

EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 10}


def test_no_request_gets_a_server_error(database_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, database_url=database_url))
    failures: list[str] = []
    with live_server(app) as url:
        schema = schemathesis.openapi.from_url(url + "/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 20
        for operation in operations:
            for mode, count in EXAMPLES.items():

                @given(case=operation.as_strategy(generation_mode=mode))
                @settings(
                    max_examples=count,
                    deadline=None,
                    derandomize=True,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                def call(case) -> None:
                    response = case.call(base_url=url, timeout=30)
                    if response.status_code >= 500:
                        failures.append(
                            f"{response.status_code} {case.method} {case.formatted_path} "
                            f"query={case.query} body={str(case.body)[:200]!r}"
                        )

                try:
                    call()
                except Unsatisfiable:  # no parameters to make invalid
                    assert mode is GenerationMode.NEGATIVE, operation.label
    assert not failures, "\n".join(sorted(set(failures))[:20])
