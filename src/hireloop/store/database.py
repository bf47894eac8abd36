"""Open the store: make the engine, apply migrations, hand out sessions."""

from __future__ import annotations

import functools
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError, SQLAlchemyError
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
        # A server connection can drop between requests (restart, idle timeout), a SQLite file cannot:
        # pinging it would be a second query on every checkout.
        engine = create_engine(parsed, pool_pre_ping=parsed.get_backend_name() != "sqlite")
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
    """Bring the schema to the newest migration (idempotent).

    Every command and every web worker calls this, so the usual case, a schema already current, costs one
    query and never imports Alembic. Otherwise one process at a time migrates (a lock file beside a
    SQLite database, an advisory lock on PostgreSQL) and the others, once they get the lock, find the
    work done: several web workers starting on a fresh database no longer race to create the tables."""
    head = head_revision()
    if head is not None and current_revisions(engine) == {head}:
        return
    with migration_lock(engine) as connection:
        if head is not None and current_revisions(engine) == {head}:
            return  # another process migrated while this one waited for the lock
        _upgrade(connection)


def _upgrade(connection: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*(.+)$", re.MULTILINE)


@functools.cache
def head_revision() -> str | None:
    """The newest migration's id, read from the migration files without importing Alembic; None when the
    files do not show exactly one head (then Alembic itself decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        ids = re.findall(r"[\"']([^\"']+)[\"']", found.get("revision", ""))
        if len(ids) != 1:
            return None
        revisions.add(ids[0])
        parents.update(re.findall(r"[\"']([^\"']+)[\"']", found.get("down_revision", "")))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revisions(engine: Engine) -> set[str]:
    """The schema versions recorded in the database (empty for a database never migrated)."""
    with engine.connect() as connection:
        try:
            rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except (OperationalError, ProgrammingError) as exc:
            if is_locked(exc):
                raise
            return set()  # no alembic_version table yet
    return {row[0] for row in rows}


@contextmanager
def migration_lock(engine: Engine) -> Iterator[Connection]:
    """A transaction no other hireloop process can be migrating in at the same time."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            # held until this transaction ends
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_lock_key('migrate')})")
            yield connection
        return
    path = _lock_path(engine, "migrate")
    if path is None:
        with engine.begin() as connection:
            yield connection
        return
    with file_lock(path), engine.begin() as connection:
        yield connection


@contextmanager
def exclusive(engine: Engine, name: str) -> Iterator[bool]:
    """Whether this process got the lock called ``name`` without waiting (held for the block): for work
    that one of several workers should do (an advisory lock on PostgreSQL, a lock file for SQLite)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            key = _lock_key(name)
            got = bool(connection.exec_driver_sql(f"SELECT pg_try_advisory_lock({key})").scalar())
            connection.commit()
            try:
                yield got
            finally:
                if got:
                    connection.exec_driver_sql(f"SELECT pg_advisory_unlock({key})")
                    connection.commit()
        return
    path = _lock_path(engine, name)
    if path is None:
        yield True
        return
    with file_lock(path, wait=False) as got:
        yield got


def _lock_key(name: str) -> int:
    """A stable 63-bit advisory-lock key for ``name`` within hireloop's schema."""
    import zlib

    return (0x6869_7265 << 32) | zlib.crc32(name.encode())


def _lock_path(engine: Engine, name: str) -> Path | None:
    """``<database file>.<name>.lock`` for a SQLite file; None for an in-memory or other database."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    db = Path(database).expanduser()
    return db.with_name(f"{db.name}.{name}.lock")


@contextmanager
def file_lock(path: Path, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``path`` (created if needed) for the block; yields whether it was taken
    (always, when ``wait``). The operating system drops it if the process dies: a crash never leaves
    it stuck."""
    with path.open("a+b") as handle:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            while True:
                try:
                    msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
                    break
                except OSError:
                    if not wait:
                        yield False
                        return
                    time.sleep(0.1)
            try:
                yield True
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
            return
        import fcntl

        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())
