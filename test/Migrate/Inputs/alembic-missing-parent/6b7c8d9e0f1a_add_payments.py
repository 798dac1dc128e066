"""add payments

Revision ID: 6b7c8d9e0f1a
Revises: 5a6b7c8d9e0e
Create Date: 2024-03-06 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '6b7c8d9e0f1a'
down_revision = '5a6b7c8d9e0e'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
