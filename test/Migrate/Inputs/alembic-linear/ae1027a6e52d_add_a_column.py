"""Add a column

Revision ID: ae1027a6e52d
Revises: 1975ea83b712
Create Date: 2011-11-08 12:02:55.327061

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'ae1027a6e52d'
down_revision: Union[str, None] = '1975ea83b712'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Only module-level assignments count: these are not read.
    revision = 'not-this-one'
    op.add_column('account', sa.Column('last_transaction_date', sa.DateTime))
    op.execute("""
revision = 'nor-this-one'
down_revision = None
""")


def downgrade() -> None:
    op.drop_column('account', 'last_transaction_date')
