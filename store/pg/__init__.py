"""A district on a PostgreSQL server (or one that speaks its protocol): many districts in
one database, a schema each. `store.pg.store.PgStore` needs psycopg
(`pip install 'diaodu[postgres]'`); this package's __init__ imports nothing, so that the
folder store and `store.pg.location` work without it."""
