"""add invoices

Revision ID: 3d4e5f607182
Revises: 1b2c3d4e5f60
Create Date: 2024-03-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '3d4e5f607182'
down_revision = '1b2c3d4e5f60'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
