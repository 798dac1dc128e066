"""initial"""
from alembic import op

revision = '1a2b3c4d5e6f'


def upgrade():
    pass
