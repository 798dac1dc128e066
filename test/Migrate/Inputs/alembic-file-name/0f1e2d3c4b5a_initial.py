"""initial

Revision ID: 0f1e2d3c4b5a
Revises: 
Create Date: 2024-03-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0f1e2d3c4b5a'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
