"""answer lookups: spoken answers (a partial index where a delivery report exists) and by question

Revision ID: 0009
Revises: 0006
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0006"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None

SPOKEN = sa.text("delivery IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_answers_user_question", "answers", ["user_id", "question_id"])
    op.create_index(
        "ix_answers_user_spoken",
        "answers",
        ["user_id", "created_at"],
        sqlite_where=SPOKEN,
        postgresql_where=SPOKEN,
    )


def downgrade() -> None:
    op.drop_index("ix_answers_user_spoken", table_name="answers")
    op.drop_index("ix_answers_user_question", table_name="answers")
