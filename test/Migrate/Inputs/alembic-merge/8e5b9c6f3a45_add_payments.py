"""add payments

Revision ID: 8e5b9c6f3a45
Revises: 7d4a8b5e2f34
Create Date: 2024-03-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '8e5b9c6f3a45'
down_revision = '7d4a8b5e2f34'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
