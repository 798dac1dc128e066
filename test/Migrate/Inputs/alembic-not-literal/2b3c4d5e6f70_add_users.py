"""add users"""
from alembic import op

from myapp.migrations import make_revision_id

revision = make_revision_id(__file__)
down_revision = BASE + '1a2b3c4d5e6f'
