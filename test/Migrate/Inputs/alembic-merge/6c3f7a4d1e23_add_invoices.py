"""add invoices

Revision ID: 6c3f7a4d1e23
Revises: 3a1f5e2b9c01
Create Date: 2024-03-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '6c3f7a4d1e23'
down_revision = '3a1f5e2b9c01'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
