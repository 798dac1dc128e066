"""add orders

Revision ID: 32cc42dd52ee
Revises: 21bb31cc41dd
Create Date: 2024-03-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '32cc42dd52ee'
down_revision = '21bb31cc41dd'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
