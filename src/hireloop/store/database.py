"""Open the store: make the engine, apply migrations, hand out sessions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hireloop.config import Settings

MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(Exception):
    """The database cannot be used; the message says which URL and why, in one line."""


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


_BUSY_TIMEOUT_MS = 5000  # SQLite waits this long for another writer before "database is locked"
LOCK_RETRIES = 4  # after SQLite's own 5 s busy wait: about 25 s in all before giving up


def is_locked(exc: BaseException) -> bool:
    """SQLite's "database is locked" (another process holds the write lock past the busy timeout)."""
    orig = getattr(exc, "orig", exc)
    return isinstance(exc, OperationalError) and "locked" in str(orig).lower()


def locked_message(exc: BaseException) -> str:
    return (
        "the database is busy: another hireloop process (an import, the web app) held its write lock "
        "for too long; nothing was changed, try again in a moment"
    )


def retry_locked(operation, *, attempts: int = LOCK_RETRIES, pause: float = 0.25):
    """Run ``operation()``; on a locked SQLite database wait briefly and run it again."""
    import time

    attempts = min(attempts, LOCK_RETRIES)
    for attempt in range(attempts):
        try:
            return operation()
        except OperationalError as exc:
            if not is_locked(exc) or attempt == attempts - 1:
                raise
            time.sleep(pause * (attempt + 1))
    raise AssertionError("unreachable")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    """Create the engine for the configured URL and bring its schema to the newest migration."""
    url = settings.resolved_database_url
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(
            f"database URL {url!r} is not a valid SQLAlchemy URL; expected e.g. "
            "sqlite:////path/hireloop.db or postgresql+psycopg://user:pass@host/db"
        ) from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use database URL {_redacted(url)}: {exc}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        migrate(engine)
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise StoreError(f"cannot reach database {_redacted(url)}: {reason}") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"database {_redacted(url)} failed: {exc}") from None
    return engine


def migrate(engine: Engine) -> None:
    """Apply Alembic migrations up to head (idempotent)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
