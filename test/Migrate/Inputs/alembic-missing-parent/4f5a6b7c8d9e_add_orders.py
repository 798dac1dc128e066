"""add orders

Revision ID: 4f5a6b7c8d9e
Revises: 3e4f5a6b7c8d
Create Date: 2024-03-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '4f5a6b7c8d9e'
down_revision = '3e4f5a6b7c8d'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
