"""accounts: password hash and role on users, for multi-user mode

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("password_hash", sa.String(length=256), nullable=True))
        batch.add_column(sa.Column("role", sa.String(length=16), nullable=False, server_default="member"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("role")
        batch.drop_column("password_hash")
