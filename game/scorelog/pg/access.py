"""Who may do what in the central score log: three roles, one append function, row security.

- ``crt_trainee`` appends a session's events only through ``crt_append`` (no INSERT,
  UPDATE or DELETE on any table) and reads only the events its own login appended.
- ``crt_manager`` reads everything, appends reviews (``ScoreOverridden``, ``SignedOff``)
  through the same function, which records them under the login that makes them: a
  review whose ``by`` is not that login is refused. It also runs the xAPI delivery queue.
- ``crt_owner`` owns the tables and applies migrations.

Logins are members of one of these roles (README: "A central score log").
``crt_append`` is the chain's one ordering point: it locks the chain head's row, so
appends from any number of clients form one gap-free line, and it computes each row's
``seq``, ``prev_hash`` and ``hash`` itself. A queued event carries a client key, and an
event already in the log under that key is not written again (offline delivery).
"""

from __future__ import annotations

ROLES = (
    """DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crt_owner') THEN
           CREATE ROLE crt_owner NOLOGIN; END IF;
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crt_manager') THEN
           CREATE ROLE crt_manager NOLOGIN; END IF;
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crt_trainee') THEN
           CREATE ROLE crt_trainee NOLOGIN; END IF;
         IF NOT pg_has_role(session_user, 'crt_owner', 'MEMBER') THEN
           EXECUTE format('GRANT crt_owner TO %I', session_user); END IF;
         IF NOT has_schema_privilege('crt_owner', 'public', 'CREATE') THEN
           GRANT USAGE, CREATE ON SCHEMA public TO crt_owner; END IF;
       END $$""",
)

_APPEND = r"""
CREATE FUNCTION crt_append(p_rows jsonb) RETURNS bigint[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head_seq bigint; head_hash text; r jsonb; kind text; sid text; holder text;
  digest text; reviewer boolean; known bigint; seqs bigint[] := '{}';
BEGIN
  reviewer := pg_has_role(session_user, 'crt_manager', 'MEMBER')
              OR pg_has_role(session_user, 'crt_owner', 'MEMBER');
  IF NOT reviewer AND NOT pg_has_role(session_user, 'crt_trainee', 'MEMBER') THEN
    RAISE EXCEPTION 'permission denied: % has no role in this score log', session_user
      USING ERRCODE = '42501';
  END IF;
  SELECT seq, hash INTO head_seq, head_hash FROM chain_head FOR UPDATE;
  FOR r IN SELECT value FROM jsonb_array_elements(p_rows) LOOP
    IF r->>'key' IS NOT NULL THEN
      SELECT seq INTO known FROM events WHERE client_key = r->>'key';
      IF FOUND THEN seqs := seqs || known; CONTINUE; END IF;
    END IF;
    kind := r->>'type'; sid := r->>'session_id';
    IF kind IN ('ScoreOverridden', 'SignedOff') THEN
      IF NOT reviewer THEN
        RAISE EXCEPTION 'permission denied: only a manager may review a score'
          USING ERRCODE = '42501';
      END IF;
      IF ((r->>'data')::jsonb)->>'by' IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'permission denied: a review is recorded under the login that makes it (%)',
          session_user USING ERRCODE = '42501';
      END IF;
    ELSIF NOT reviewer THEN
      SELECT db_user INTO holder FROM events WHERE session_id = sid ORDER BY seq LIMIT 1;
      IF FOUND AND holder IS DISTINCT FROM session_user::text THEN
        RAISE EXCEPTION 'permission denied: session % was recorded by another login', sid
          USING ERRCODE = '42501';
      END IF;
    END IF;
    head_seq := head_seq + 1;
    digest := encode(sha256(convert_to(head_hash || '{"at":' || to_json(r->>'at')::text
              || ',"seq":' || head_seq || ',"session":' || to_json(sid)::text || '}'
              || (r->>'data') || (r->>'index'), 'UTF8')), 'hex');
    INSERT INTO events (seq, at, session_id, trainee, scenario, type, node, choice, score,
                        passed, merit, lost, response_time, data, prev_hash, hash, hv,
                        mistake, db_user, client_key)
    VALUES (head_seq, r->>'at', sid, r->>'trainee', r->>'scenario', kind, r->>'node',
            r->>'choice', (r->>'score')::float8, (r->>'passed')::integer,
            (r->>'merit')::float8, (r->>'lost')::float8, (r->>'response_time')::float8,
            r->>'data', head_hash, digest, (r->>'hv')::integer, r->>'mistake',
            session_user, r->>'key');
    INSERT INTO evidence (seq, trainee, scenario, node, choice, trait, merit)
      SELECT head_seq, r->>'trainee', r->>'scenario', r->>'node', r->>'choice',
             e.value->>0, (e.value->>1)::float8
      FROM jsonb_array_elements(coalesce(r->'evidence', '[]')) WITH ORDINALITY AS e
      ORDER BY e.ordinality;
    INSERT INTO choice_totals AS c
      SELECT r->>'trainee', r->>'scenario', r->>'node', r->>'choice', 1,
             coalesce((r->>'merit')::float8, 0), coalesce((r->>'lost')::float8, 0)
      WHERE kind IN ('ChoiceMade', 'TimedOut')
      ON CONFLICT (trainee, scenario, node, choice) DO UPDATE
        SET n = c.n + 1, merit = c.merit + excluded.merit, lost = c.lost + excluded.lost;
    INSERT INTO trait_scores (seq, session_id, trainee, scenario, trait, score)
      SELECT head_seq, sid, r->>'trainee', r->>'scenario', s.value->>0,
             (s.value->>1)::float8
      FROM jsonb_array_elements(coalesce(r->'scores', '[]')) WITH ORDINALITY AS s
      ORDER BY s.ordinality;
    INSERT INTO trait_totals AS t
      SELECT r->>'trainee', r->>'scenario', s.value->>0, 1, (s.value->>1)::float8
      FROM jsonb_array_elements(coalesce(r->'scores', '[]')) AS s
      ON CONFLICT (trainee, scenario, trait) DO UPDATE
        SET n = t.n + 1, total = t.total + excluded.total;
    head_hash := digest;
    seqs := seqs || head_seq;
  END LOOP;
  UPDATE chain_head SET seq = head_seq, hash = head_hash;
  RETURN seqs;
END $$"""

_KEEP = r"""
CREATE FUNCTION crt_keep_content(p_hash text, p_content bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF encode(sha256(p_content), 'hex') IS DISTINCT FROM p_hash THEN
    RAISE EXCEPTION 'the scenario content does not match its hash %', p_hash;
  END IF;
  INSERT INTO scenario_content VALUES (p_hash, p_content) ON CONFLICT DO NOTHING;
END $$"""

STATEMENTS = (
    # the login that appended each event (row security), and a queued event's key
    'ALTER TABLE events ADD COLUMN db_user text COLLATE "C" NOT NULL DEFAULT session_user',
    'ALTER TABLE events ADD COLUMN client_key text COLLATE "C"',
    "CREATE UNIQUE INDEX ix_events_client_key ON events (client_key) "
    "WHERE client_key IS NOT NULL",
    "CREATE INDEX ix_events_db_user ON events (db_user, session_id)",
    _APPEND,
    _KEEP,
    "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
    "REVOKE ALL ON FUNCTION crt_append(jsonb), crt_keep_content(text, bytea) FROM PUBLIC",
    "GRANT USAGE ON SCHEMA public TO crt_trainee, crt_manager",
    "GRANT EXECUTE ON FUNCTION crt_append(jsonb), crt_keep_content(text, bytea) "
    "TO crt_trainee, crt_manager",
    "GRANT SELECT ON events, migrations TO crt_trainee",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO crt_manager",
    # the xAPI delivery queue is not evidence (rebuilt from the events at any time)
    "GRANT INSERT, UPDATE, DELETE ON outbox, outbox_cursor TO crt_manager",
    "ALTER TABLE events ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY events_own ON events FOR SELECT TO crt_trainee "
    "USING (db_user = session_user)",
    "CREATE POLICY events_review ON events FOR SELECT TO crt_manager USING (true)",
)
