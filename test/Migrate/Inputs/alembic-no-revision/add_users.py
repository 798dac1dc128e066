"""add users

Revises: 1a2b3c4d5e6f
"""
from alembic import op

down_revision = '1a2b3c4d5e6f'


def upgrade():
    op.execute("CREATE TABLE users (id integer PRIMARY KEY)")
