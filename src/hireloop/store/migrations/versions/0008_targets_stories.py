"""targets and stories: job descriptions read into target roles, and the behavioral story bank

Revision ID: 0008
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hireloop.store.tables

revision: str = "0008"
down_revision: str | None = "0005"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "targets",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("interview_date", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.Column("corrections", sa.JSON(), nullable=False),
        sa.Column("created_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_targets_user_id", "targets", ["user_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("practice", sa.JSON(), nullable=False),
        sa.Column("created_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_stories_user_id", "stories", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_stories_user_id", table_name="stories")
    op.drop_table("stories")
    op.drop_index("ix_targets_user_id", table_name="targets")
    op.drop_table("targets")
