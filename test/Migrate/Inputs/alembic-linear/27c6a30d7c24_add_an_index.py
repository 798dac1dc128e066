"""add an index

Revision ID: 27c6a30d7c24
Revises: ae1027a6e52d
Create Date: 2011-11-09 09:10:11.000001

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "27c6a30d7c24"
down_revision = (
    "ae1027a6e52d"  # parentheses alone make no tuple
)
branch_labels = ("accounts",)
depends_on = None


def upgrade():
    op.create_index("ix_account_name", "account", ["name"])


def downgrade():
    op.drop_index("ix_account_name", table_name="account")
