"""Storage: SQLAlchemy tables, Alembic migrations, repository functions, export and import."""

from hireloop.store.database import StoreError, make_engine, session_factory

__all__ = ["StoreError", "make_engine", "session_factory"]
