"""merge orders and invoices

Revision ID: 7d4a8b5e2f34
Revises: 5b2e6f3c0d12, 6c3f7a4d1e23
Create Date: 2024-03-04 10:00:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = "7d4a8b5e2f34"
down_revision: Union[str, Sequence[str], None] = ("5b2e6f3c0d12", "6c3f7a4d1e23")
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
