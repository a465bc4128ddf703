"""The compact list-header record (`list_headers`, migration 0004) gives the list view's FETCH
the same bytes as the full `fragments.header_fields` path, for every field list, on SQLite and
PostgreSQL: folded, repeated and missing fields, LF-only input, field lists partly outside
`LIST_FIELDS` (those fall back to the full record); and 0004 backfills rows stored before it."""

from __future__ import annotations

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.mailbox.headercache import FieldPicker
from congvu.mime import parse_message
from congvu.ports import LIST_FIELDS, encode_header_fields, list_header_fields
from congvu.store import SqlMetaStore, upgrade
from congvu.store.sql.engine import make_engine
from congvu.store.sql.schema import list_headers
from tests.integration.store.conftest import Stack, envelope

VARIED: list[bytes] = [
    # folded Subject, repeated To, no Cc
    b"From: A <a@sonla.gov.vn>\r\nTo: b@sonla.gov.vn\r\nSubject: C\xc3\xb4ng v\xc4\x83n\r\n"
    b" ti\xe1\xba\xbfp theo\r\nTo: c@sonla.gov.vn,\r\n\td@sonla.gov.vn\r\n"
    b"Date: Wed, 25 Nov 2026 09:00:00 +0700\r\nMessage-ID: <r1@x>\r\nX-Priority: 1\r\n\r\nbody\r\n",
    # LF-only, lower-case names, References folded, Reply-To (and To after it)
    b"from: lf@sonla.gov.vn\nreply-to: r@sonla.gov.vn\nto: t@sonla.gov.vn\nsubject: lf only\n"
    b"references: <a@x>\n <b@x>\ncontent-type: text/plain\n\nbody\n",
    # almost nothing: no From, no Subject, no Date
    b"X-Other: 1\r\n\r\nbody\r\n",
    # every list field and some that are not
    b"From: f@x\r\nSender: s@x\r\nTo: t@x\r\nCc: c@x\r\nBcc: b@x\r\nSubject: all\r\nDate: Tue, 24 Nov 2026"
    b" 10:00:00 +0700\r\nMessage-ID: <all@x>\r\nIn-Reply-To: <p@x>\r\nReferences: <p@x>\r\nReply-To: r@x\r\n"
    b"Content-Type: multipart/mixed; boundary=zz\r\nPriority: urgent\r\nImportance: high\r\n"
    b"Newsgroups: a.b\r\nList-Id: <l.x>\r\nX-Mailer: m\r\nUser-Agent: u\r\nDKIM-Signature: v=1;\r\n"
    b" a=rsa\r\n\r\n--zz--\r\n",
    # header only, no body, no final blank line
    b"Subject: header only\r\nFrom: h@x",
]

FIELD_LISTS: list[tuple[str, ...]] = [
    ("from", "to", "subject", "date"),
    ("subject", "from"),
    ("to",),
    ("cc", "bcc"),
    ("from", "to", "cc", "bcc", "subject", "date", "message-id", "priority", "x-priority", "references",
     "newsgroups", "in-reply-to", "content-type", "reply-to"),
    ("from", "list-id"),  # partly outside LIST_FIELDS: full path
    ("x-mailer", "user-agent", "dkim-signature"),
    ("date", "date"),
]


async def test_both_paths_give_the_same_blocks(stack: Stack) -> None:
    a = await stack.account("an")
    for raw in VARIED:
        await stack.delivery.deliver(envelope(a), raw)
    snapshot = await stack.mailboxes.open_folder(a.id, "INBOX")
    assert snapshot is not None
    folder, validity = snapshot.summary.id, snapshot.summary.uidvalidity
    n = len(VARIED)
    full = stack.meta.header_fields(folder, 1, n)
    assert [uid for uid, _ in full] == list(range(1, n + 1))
    for fields in FIELD_LISTS:
        pick = FieldPicker(fields)
        expected = {uid: pick(raw) for uid, raw in full}
        narrow = stack.meta.header_fields(folder, 1, n, fields)
        assert {uid: pick(raw) for uid, raw in narrow} == expected, fields
        served = await stack.mailboxes.header_blocks(folder, validity, 1, n, [f.upper() for f in fields])
        assert dict(served) == expected, fields
    # The narrow record really is in use and really is narrow.
    narrow_rows = stack.meta.header_fields(folder, 1, n, ("from",))
    assert all(len(small) <= len(big) for (_, small), (_, big) in zip(narrow_rows, full, strict=True))
    assert narrow_rows[3][1] != full[3][1]  # message 4 has fields outside LIST_FIELDS
    assert b"x-mailer" not in narrow_rows[3][1]


names = st.sampled_from([*sorted(LIST_FIELDS), "x-mailer", "list-id", "dkim-signature", "to-do"])
values = st.binary(max_size=40).map(lambda b: b.replace(b"\0", b"") + b"\r\n")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(names, values, max_size=8), st.lists(st.sampled_from(sorted(LIST_FIELDS)), max_size=5))
def test_picking_from_the_list_record_equals_picking_from_the_full_one(
    fields: dict[str, bytes], asked: list[str]
) -> None:
    encoded = encode_header_fields(fields)
    pick = FieldPicker(tuple(asked))
    assert pick(list_header_fields(encoded)) == pick(encoded)


def test_migration_0004_backfills_rows_stored_before_it(database_url: str) -> None:
    upgrade(database_url, "0003")
    engine = make_engine(database_url)
    try:
        stored: dict[int, bytes] = {}
        with engine.begin() as conn:
            for i, raw in enumerate(VARIED, start=1):
                parsed = parse_message(raw)
                encoded = encode_header_fields(parsed.header_fields)
                stored[i] = encoded
                conn.execute(
                    sa.text(
                        "INSERT INTO blobs (id, digest, size, refcount, created_at) "
                        "VALUES (:id, :digest, :size, 1, 0)"
                    ),
                    {"id": i, "digest": f"{i:064x}", "size": len(raw)},
                )
                conn.execute(
                    sa.text(
                        "INSERT INTO fragments (blob_id, envelope, bodystructure, body, header_fields, "
                        "subject, from_display, sent_date, message_id, attachment_bytes) "
                        "VALUES (:id, :e, :e, :e, :h, '', '', NULL, NULL, 0)"
                    ),
                    {"id": i, "e": b"", "h": encoded},
                )
        upgrade(database_url)
        with engine.begin() as conn:
            query = sa.select(list_headers.c.blob_id, list_headers.c.fields)
            rows = {r[0]: bytes(r[1]) for r in conn.execute(query)}
    finally:
        engine.dispose()
    assert rows == {i: list_header_fields(encoded) for i, encoded in stored.items()}
    for fields in FIELD_LISTS[:5]:
        pick = FieldPicker(fields)
        assert {i: pick(r) for i, r in rows.items()} == {i: pick(e) for i, e in stored.items()}


def test_sqlite_plans_read_the_narrow_structures(meta: SqlMetaStore) -> None:
    """SELECT reads the covering ``ix_messages_snapshot``; the list FETCH keeps the primary-key
    scan of the copies joined to ``list_headers`` (schema.py says why)."""
    if meta.engine.dialect.name != "sqlite":
        return
    with meta.engine.connect() as conn:
        select_plan = " ".join(
            str(r[3])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT uid, modseq, flags, internal_date, size FROM messages "
                "WHERE folder_id = 1 ORDER BY uid"
            )
        )
        fetch_plan = " ".join(
            str(r[3])
            for r in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT m.uid, f.fields FROM messages AS m JOIN list_headers AS f "
                "ON f.blob_id = m.blob_id WHERE m.folder_id = 1 AND m.uid BETWEEN 1 AND 9 ORDER BY m.uid"
            )
        )
    assert "COVERING INDEX ix_messages_snapshot" in select_plan
    assert "PRIMARY KEY" in fetch_plan
    assert "ix_messages_snapshot" not in fetch_plan
