"""add invoices

Revision ID: 43dd53ee63ff
Revises: 32cc42dd52ee
Create Date: 2024-03-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '43dd53ee63ff'
down_revision = '32cc42dd52ee'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
