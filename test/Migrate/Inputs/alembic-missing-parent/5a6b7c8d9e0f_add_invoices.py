"""add invoices

Revision ID: 5a6b7c8d9e0f
Revises: 4f5a6b7c8d9e
Create Date: 2024-03-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5a6b7c8d9e0f'
down_revision = '4f5a6b7c8d9e'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
