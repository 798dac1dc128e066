"""self revising

Revision ID: 54ee64ff7400
Revises: 54ee64ff7400
Create Date: 2024-03-05 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '54ee64ff7400'
down_revision = '54ee64ff7400'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
