"""add users

Revision ID: 21bb31cc41dd
Revises: 43dd53ee63ff
Create Date: 2024-03-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '21bb31cc41dd'
down_revision = '43dd53ee63ff'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
