"""add orders

Revision ID: 5b2e6f3c0d12
Revises: 3a1f5e2b9c01
Create Date: 2024-03-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5b2e6f3c0d12'
down_revision = '3a1f5e2b9c01'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
