"""history stats: per-answer grades, running totals per competency and round, idempotency keys

Revision ID: 0004
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

import hireloop.store.tables

revision: str = "0004"
down_revision: str | None = "0007"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

UTC_DATETIME = hireloop.store.tables.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("idempotency_key", sa.String(length=64), nullable=True))
    op.create_index("ux_answers_user_idempotency", "answers", ["user_id", "idempotency_key"], unique=True)
    op.create_table(
        "answer_grades",
        sa.Column("answer_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("answered_at", UTC_DATETIME, nullable=False),
        sa.Column("assessment_id", sa.String(length=32), nullable=False),
        sa.Column("assessed_at", UTC_DATETIME, nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("competencies", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answers.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("answer_id"),
    )
    op.create_index("ix_answer_grades_user_round", "answer_grades", ["user_id", "round", "answered_at"])
    op.create_table(
        "competency_stats",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("competency", sa.String(length=32), nullable=False),
        sa.Column("evidence", sa.Integer(), nullable=False),
        sa.Column("newest", UTC_DATETIME, nullable=True),
        sa.Column("weight_sum", sa.Float(), nullable=False),
        sa.Column("graded_sum", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("user_id", "competency"),
    )
    op.create_table(
        "round_stats",
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("round", sa.String(length=32), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("origin", UTC_DATETIME, nullable=True),
        sa.Column("sx", sa.Float(), nullable=False),
        sa.Column("sy", sa.Float(), nullable=False),
        sa.Column("sxx", sa.Float(), nullable=False),
        sa.Column("sxy", sa.Float(), nullable=False),
        sa.Column("span", sa.Float(), nullable=False, server_default="0"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("user_id", "round"),
    )
    # Existing history: build the totals once from the raw rows.
    from hireloop.store.stats import rebuild_all

    session = Session(bind=op.get_bind())
    rebuild_all(session=session, commit=False)
    session.flush()


def downgrade() -> None:
    op.drop_table("round_stats")
    op.drop_table("competency_stats")
    op.drop_index("ix_answer_grades_user_round", table_name="answer_grades")
    op.drop_table("answer_grades")
    op.drop_index("ux_answers_user_idempotency", table_name="answers")
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("idempotency_key")
