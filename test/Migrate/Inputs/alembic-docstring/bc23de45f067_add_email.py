"""add email

Revision ID: ab12cd34ef56
Revises: ab12cd34ef56
Create Date: 2024-03-02 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = 'bc23de45f067'
down_revision = 'ab12cd34ef56'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
