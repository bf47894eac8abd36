"""sign_ins: server-side sign-ins that can be revoked, and disabled accounts

Revision ID: 0005
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hireloop.store.tables

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: Sequence[str] | None = None
depends_on: Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "sign_ins",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", hireloop.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("token_hash"),
    )
    op.create_index("ix_sign_ins_user_id", "sign_ins", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_sign_ins_user_id", table_name="sign_ins")
    op.drop_table("sign_ins")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled")
