# Alembic before 0.2 took the revision from a file named <hex>.py.
from alembic import op

down_revision = None


def upgrade():
    op.execute("CREATE TABLE accounts (id integer PRIMARY KEY)")
