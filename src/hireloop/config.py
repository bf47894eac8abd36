"""Settings in one place: ``HIRELOOP_*`` environment variables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: str | None = Field(default=None, repr=False)
    llm_api_key_env: str | None = None
    llm_timeout: float = 60.0
    llm_max_tokens: int = 700
    llm_max_retries: int = 2
    llm_concurrency: int = 2

    @field_validator("content_dirs", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [Path(p) for p in value.split(":") if p.strip()]
        return value

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

    def all_content_dirs(self) -> list[Path]:
        return [BUILTIN_CONTENT, *self.content_dirs]
