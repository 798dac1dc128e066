"""add email

Revision ID: 9c8b7a6d5e4f
Revises: 0f1e2d3c4b5a
Create Date: 2024-03-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '9c8b7a6d5e4f'
down_revision = '0f1e2d3c4b5a'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
