"""profiles.target_role, and answers.revises: an answer can be a new version of an earlier one

Revision ID: 0006
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0004"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.add_column(sa.Column("target_role", sa.String(length=200), nullable=True))
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("revises", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("revises")
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("target_role")
