'''add orders

Revision ID: b1c2d3e4f5a6
Revises: a0b1c2d3e4f5
'''
from alembic import op

revision = 'b1c2' \
    'd3e4f5a6'
down_revision = [
    # the list form Alembic also accepts
    'a0b1c2d3e4f5',
]
depends_on = ('c0ffee000001',)


def upgrade():
    op.execute('''
        CREATE TABLE orders (id integer PRIMARY KEY, note text DEFAULT 'it''s')
    ''')
