"""``hireloop llm check``: show the LLM settings and test the endpoint, saying clearly what failed."""

from __future__ import annotations

from typing import Annotated

import typer

from hireloop.cli.common import console, emit_json, fail, state

llm_app = typer.Typer(
    help="The optional LLM interviewer and judge (any OpenAI-compatible endpoint).", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    @llm_app.command("check")
    def check(
        ctx: typer.Context,
        as_json: Annotated[bool, typer.Option("--json", help="Print the check as JSON.")] = False,
    ) -> None:
        """Reach the endpoint, list its models, and time one short completion."""
        from hireloop.llm.client import LLMClient, LLMError, LLMUnavailable

        settings = state(ctx).settings()
        key = settings.llm_key()
        report = {
            "base_url": settings.llm_base_url,
            "model": settings.llm_model,
            "api_key": "set" if key else "not set",
            "api_key_source": (
                "HIRELOOP_LLM_API_KEY" if settings.llm_api_key else settings.llm_api_key_env if key else None
            ),
            "timeout_seconds": settings.llm_timeout,
            "ok": False,
        }
        out = console()
        try:
            client = LLMClient(settings)
            models = client.models()
            report["models"] = models
            if settings.llm_model not in models:
                raise LLMError(
                    "model",
                    f"{client.endpoint} does not list model '{settings.llm_model}'; "
                    f"it serves: {', '.join(models) or 'nothing'}",
                )
            reply = client.chat(
                [{"role": "user", "content": "Reply with the single word: ready"}], max_tokens=8
            )
            report |= {
                "ok": True,
                "completion_seconds": round(reply.seconds, 3),
                "reply": reply.text.strip()[:80],
            }
        except LLMUnavailable as exc:
            report["error"] = {"kind": "not_configured", "message": str(exc)}
        except LLMError as exc:
            report["error"] = {"kind": exc.kind, "message": str(exc)}
        if as_json:
            emit_json(report)
        else:
            for key_name in ("base_url", "model", "api_key", "api_key_source", "timeout_seconds"):
                out.print(f"{key_name:<16} {report[key_name]}")
            if "models" in report:
                out.print(f"{'models':<16} {', '.join(report['models'])}")
            if report["ok"]:
                out.print(f"[green]ok[/]: one completion in {report['completion_seconds']:.2f} s")
        if not report["ok"]:
            error = report["error"]
            fail(f"{error['kind']}: {error['message']}")

    app.add_typer(llm_app, name="llm")
