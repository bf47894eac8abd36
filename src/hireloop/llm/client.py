"""A small OpenAI-compatible chat client: timeouts, bounded retries with backoff, a concurrency limit,
and errors that say what failed (connection refused, unknown model, bad key, timeout, garbage)."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from typing import Any

from hireloop.config import Settings


class LLMUnavailable(RuntimeError):
    """The llm extra is not installed or no endpoint is configured."""


class LLMError(RuntimeError):
    """A call failed; ``kind`` is one of connection, timeout, auth, model, http, garbage."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class Completion:
    text: str
    seconds: float
    model: str


def _httpx():
    try:
        import httpx
    except ImportError:
        raise LLMUnavailable("the LLM engine needs the llm extra: pip install 'hireloop[llm]'") from None
    return httpx


class LLMClient:
    """Talks to ``{base_url}/models`` and ``{base_url}/chat/completions``."""

    def __init__(self, settings: Settings) -> None:
        if not settings.llm_configured:
            raise LLMUnavailable(
                "no LLM endpoint configured: set HIRELOOP_LLM_BASE_URL and HIRELOOP_LLM_MODEL"
            )
        self.base_url = settings.llm_base_url.rstrip("/")  # type: ignore[union-attr]
        self.model: str = settings.llm_model  # type: ignore[assignment]
        self.timeout = settings.llm_timeout
        self.max_tokens = settings.llm_max_tokens
        self.max_retries = max(0, settings.llm_max_retries)
        self._key = settings.llm_key()
        self._slots = threading.BoundedSemaphore(max(1, settings.llm_concurrency))
        self._httpx = _httpx()

    @property
    def endpoint(self) -> str:
        return self.base_url

    def _headers(self) -> dict[str, str]:
        headers = {"Content-Type": "application/json"}
        if self._key:
            headers["Authorization"] = f"Bearer {self._key}"
        return headers

    def _request(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        httpx = self._httpx
        url = f"{self.base_url}{path}"
        delay = 0.5
        for attempt in range(self.max_retries + 1):
            try:
                with self._slots, httpx.Client(timeout=self.timeout) as client:
                    response = client.request(method, url, headers=self._headers(), json=body)
            except httpx.ConnectError as exc:
                error = LLMError("connection", f"cannot connect to {self.base_url}: {exc}")
            except httpx.TimeoutException:
                error = LLMError("timeout", f"{self.base_url} did not answer within {self.timeout:g} s")
            except httpx.HTTPError as exc:  # connection closed mid-response, protocol errors
                error = LLMError("connection", f"{self.base_url} broke the connection: {exc}")
            else:
                if response.status_code in (401, 403):
                    raise LLMError(
                        "auth", f"{self.base_url} refused the API key (HTTP {response.status_code})"
                    )
                if response.status_code == 404 and body is not None:
                    raise LLMError("model", f"{self.base_url} does not serve model '{self.model}' (HTTP 404)")
                if response.status_code >= 500 or response.status_code == 429:
                    error = LLMError("http", f"{self.base_url} answered HTTP {response.status_code}")
                elif response.status_code >= 400:
                    raise LLMError(
                        "http", f"{self.base_url} answered HTTP {response.status_code}: {response.text[:200]}"
                    )
                else:
                    try:
                        return response.json()
                    except ValueError:
                        raise LLMError(
                            "garbage",
                            f"{self.base_url} answered with something that is not JSON: "
                            f"{response.text[:80]!r}",
                        ) from None
            if attempt == self.max_retries or error.kind == "timeout":
                raise error
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def models(self) -> list[str]:
        doc = self._request("GET", "/models")
        data = doc.get("data") if isinstance(doc, dict) else None
        if not isinstance(data, list):
            raise LLMError("garbage", f"{self.base_url}/models did not return a model list")
        return [str(m.get("id")) for m in data if isinstance(m, dict)]

    def chat(
        self,
        messages: list[dict[str, str]],
        *,
        max_tokens: int = 512,
        json_mode: bool = False,
        temperature: float = 0.0,
    ) -> Completion:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": temperature,
            "seed": 7,
        }
        if json_mode:
            body["response_format"] = {"type": "json_object"}
        start = time.perf_counter()
        doc = self._request("POST", "/chat/completions", body)
        try:
            text = doc["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise LLMError(
                "garbage", f"{self.base_url} returned no completion: {json.dumps(doc)[:120]}"
            ) from None
        if not isinstance(text, str):
            raise LLMError("garbage", f"{self.base_url} returned a completion that is not text")
        return Completion(
            text=text, seconds=time.perf_counter() - start, model=str(doc.get("model", self.model))
        )
