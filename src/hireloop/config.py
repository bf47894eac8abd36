"""Settings in one place: ``HIRELOOP_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

BUILTIN_CONTENT = Path(__file__).parent / "bank" / "content"


class Settings(BaseSettings):
    """hireloop's configuration. Every field can be set as ``HIRELOOP_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="HIRELOOP_", extra="ignore")

    data_dir: Path = Field(default_factory=lambda: Path(user_data_dir("hireloop", appauthor=False)))
    database_url: str | None = None
    content_dirs: Annotated[list[Path], NoDecode] = Field(default_factory=list)
    user: str = "local"
    multi_user: bool = False
    secret_key: str | None = Field(default=None, repr=False)
    # The address people open, e.g. https://coach.example behind a reverse proxy: its host is
    # accepted in the Host header, its origin on forms, and https makes sign-in cookies Secure.
    public_url: str | None = None
    # More host names the server answers to (comma-separated), besides loopback and public_url's.
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_api_key_env: str | None = None
    llm_timeout: float = 60.0
    llm_max_tokens: int = 700
    llm_max_retries: int = 2
    llm_concurrency: int = 2
    # Spoken answers (the voice extra): a local faster-whisper model directory instead of the shipped
    # Whisper base, threads per transcription (0: all cores), and how many transcriptions run at once.
    whisper_model: Path | None = None
    whisper_threads: int = Field(default=0, ge=0)
    voice_workers: int = Field(default=1, ge=1)
    voice_queue: int = Field(default=8, ge=1)
    cache_dir: Path | None = None

    @field_validator("content_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(p) for p in value.split(":") if p.strip()]
        return value

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return [h.strip().lower() for h in value.split(",") if h.strip()]
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"'{value}': expected an address such as https://coach.example")
        return value.strip().rstrip("/")

    @property
    def public_origin(self) -> str | None:
        """``scheme://host[:port]`` of public_url, as browsers send it in the Origin header."""
        if not self.public_url:
            return None
        parts = urlsplit(self.public_url)
        return f"{parts.scheme}://{parts.netloc}".lower()

    @property
    def public_host(self) -> str | None:
        return urlsplit(self.public_url).hostname if self.public_url else None

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'hireloop.db'}"

    @property
    def llm_configured(self) -> bool:
        return bool(self.llm_base_url and self.llm_model)

    def llm_key(self) -> str | None:
        """The API key: HIRELOOP_LLM_API_KEY, or the variable named by HIRELOOP_LLM_API_KEY_ENV."""
        import os

        if self.llm_api_key:
            return self.llm_api_key
        return os.environ.get(self.llm_api_key_env) if self.llm_api_key_env else None

    @property
    def resolved_cache_dir(self) -> Path:
        from platformdirs import user_cache_dir

        return self.cache_dir or Path(user_cache_dir("hireloop", appauthor=False))

    def all_content_dirs(self) -> list[Path]:
        return [BUILTIN_CONTENT, *self.content_dirs]
