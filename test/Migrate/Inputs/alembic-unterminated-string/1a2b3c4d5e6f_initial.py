"""initial

Revision ID: 1a2b3c4d5e6f
Revises:
"""
from alembic import op

revision = '1a2b3c4d5e6f
down_revision = None
