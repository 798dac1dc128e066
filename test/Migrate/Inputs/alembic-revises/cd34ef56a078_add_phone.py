"""add phone

Revision ID: cd34ef56a078
Revises: ab12cd34ef56
Create Date: 2024-03-03 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'cd34ef56a078'
down_revision = 'bc23de45f067'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
