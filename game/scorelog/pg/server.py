"""Opening the central log, and setting up a database as one (``db init-server``)."""

from __future__ import annotations

from typing import Any

from game.core.errors import UserError
from game.scorelog.pg import schema
from game.scorelog.pg.conn import PgConnection, connect, shown, user_error

ROLES = ("crt_owner", "crt_manager", "crt_trainee")


def open_server(url: str, *, create: bool = True) -> PgConnection:
    """A connection to a score log on the server, upgraded when its user may do so."""
    conn = connect(url)
    try:
        _check(conn, url, create)
    except UserError:
        conn.close()
        raise
    except Exception as err:
        conn.close()
        if type(err).__module__.startswith("psycopg"):
            raise user_error(url, err) from err
        raise
    return conn


def _check(conn: PgConnection, url: str, create: bool) -> None:
    where = shown(url)
    if not _has_role(conn):
        raise UserError(f"{where}: the database user {conn.user} has no role in this score "
                        f"log; its owner grants one: GRANT crt_trainee TO {conn.user} (or "
                        "crt_manager)")
    steps = schema.applied(conn)
    if steps is None:
        steps, foreign = _settled(conn)
    if steps is None:
        if foreign:
            listed = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
            raise UserError(f"{where} is another program's database (tables: {listed}), not "
                            "a score log; nothing in it was changed: choose another --db")
        if not create:
            raise UserError(f"{where} is not a score log yet: its owner runs "
                            "`python main.py db init-server URL`")
    elif steps > len(schema.MIGRATIONS):
        raise UserError(f"the score log {where} was written by a newer version of the trainer "
                        f"(schema {steps}); update the trainer")
    if steps is None or steps < len(schema.MIGRATIONS):
        _upgrade(conn, where)


def _has_role(conn: PgConnection) -> bool:
    """A superuser, a member of one of the log's roles, or (before set-up) anyone."""
    row = conn.execute(
        "SELECT rolsuper OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crt_owner') "
        "OR pg_has_role(session_user, 'crt_owner', 'MEMBER') "
        "OR pg_has_role(session_user, 'crt_manager', 'MEMBER') "
        "OR pg_has_role(session_user, 'crt_trainee', 'MEMBER') "
        "FROM pg_roles WHERE rolname = session_user").fetchone()
    return bool(row and row[0])


def _may_set_up(conn: PgConnection) -> bool:
    """A superuser, the database's owner or a member of ``crt_owner``."""
    row = conn.execute(
        "SELECT r.rolsuper OR d.datdba = r.oid OR pg_has_role(r.oid, 'crt_owner', 'MEMBER') "
        "FROM pg_roles r, pg_database d WHERE r.rolname = session_user "
        "AND d.datname = current_database()").fetchone()
    return bool(row and row[0])


def _settled(conn: PgConnection) -> tuple[int | None, list[str]]:
    """The steps and tables once any set-up in progress has committed.

    A set-up holds the migration lock while it creates the tables; waiting for a shared
    hold of it means a log whose owner is setting it up at this moment is not taken for
    another program's database (its tables appear between two reads otherwise)."""
    conn.execute("BEGIN")
    try:
        conn.execute(f"SELECT pg_advisory_xact_lock_shared({schema.LOCK_KEY})")
        return schema.applied(conn), _tables(conn)
    finally:
        conn.execute("COMMIT")


def _tables(conn: PgConnection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]


def _upgrade(conn: PgConnection, where: str) -> list[str]:
    try:
        return schema.migrate(conn)
    except Exception as err:
        if getattr(err, "sqlstate", None) == "42501":
            raise UserError(f"{where} is not set up as a score log (or needs an upgrade) and "
                            f"{conn.user} may not do it: its owner runs `python main.py db "
                            "init-server URL`") from err
        raise


def init_server(url: str) -> dict[str, Any]:
    """Make a database a score log: roles, tables, the append function, row security.

    Run by the database's owner (or a superuser); safe to run again (it applies only what
    is missing). Returns what was done, for the command to say."""
    conn = open_server(url, create=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY name")]
        if not _may_set_up(conn):  # it was set up already, or it would have been refused
            raise UserError(f"{shown(url)} is set up as a score log already, and "
                            f"{conn.user} is not its owner: its owner runs `db init-server` "
                            "(to upgrade it); nothing was changed")
        members = {role: [r[0] for r in conn.execute(
            "SELECT m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
            "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname = ? AND m.rolcanlogin "
            "ORDER BY 1", (role,))] for role in ROLES}
        return {"migrations": names, "members": members, "user": conn.user}
    finally:
        conn.close()
