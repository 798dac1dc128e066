"""add users

Revision ID: a0b1c2d3e4f5
Revises: c0ffee000001
Create Date: 2024-01-15 10:30:00.000000

"""
from alembic import op

revision = r"a0b1c2d3e4f5"  # a raw string
down_revision = u'c0ffee000001'
branch_labels = depends_on = None


def upgrade():
    op.execute("CREATE TABLE users (id integer PRIMARY KEY)")
