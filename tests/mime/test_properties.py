"""Property tests: any bytes parse without raising into valid IMAP fragments; generated MIME
trees give a BODYSTRUCTURE with the right number of parts and part offsets that slice them."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from congvu.mime import parse_message
from tests.mime.imapsyntax import count_leaf_parts, read

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

_header_line = st.one_of(
    st.sampled_from([b"Subject: ", b"From: ", b"To: ", b"Content-Type: ", b"Content-Disposition: ",
                     b"Content-Transfer-Encoding: ", b"Date: ", b" ", b"\t", b"X: "]),
    st.binary(max_size=8),
).flatmap(lambda k: st.binary(max_size=40).map(lambda v: k + v))

_tokens = st.sampled_from([
    b"multipart/mixed; boundary=b", b"multipart/alternative; boundary=\"b\"", b"message/rfc822",
    b"text/plain; charset=utf-8", b"--b", b"--b--", b"\r\n", b"\n", b"\r\n\r\n", b"=?utf-8?B?xJA=?=",
    b"\x00", b"\xff\xfe", b"\"", b"(", b")", b"<", b">", b"@", b",", b";", b":", b"base64",
    b"Content-Type: ", b"filename*0*=utf-8''%C3", b"name*1=x", "Đăng".encode(),
])


def _check(raw: bytes) -> None:
    parsed = parse_message(raw)
    assert not any(d.startswith("internal parser error") for d in parsed.defects), parsed.defects
    read(parsed.envelope)
    read(parsed.body)
    structure = read(parsed.bodystructure)
    assert isinstance(structure, list)
    for span in parsed.parts:
        assert 0 <= span.header_start <= span.body_start <= span.end <= len(raw)
    assert 0 <= parsed.header_size <= len(raw)
    texts = [parsed.subject, parsed.from_display, parsed.to_display, parsed.cc_display, parsed.search_text,
             parsed.text, parsed.message_id or ""] + [a.filename for a in parsed.attachments]
    assert not any("\x00" in t for t in texts)  # PostgreSQL text columns cannot hold NUL
    for t in texts:
        t.encode()  # no lone surrogates either


@_SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@_SETTINGS
@given(st.lists(st.one_of(_tokens, _header_line), max_size=60))
def test_mime_like_token_soup(chunks: list[bytes]) -> None:
    _check(b"".join(chunks))


# --- well-formed trees -----------------------------------------------------------------------

_leaf = st.tuples(
    st.sampled_from(["text/plain; charset=utf-8", "text/html", "application/pdf", "image/png"]),
    st.text(alphabet="abc đăng ký\n", max_size=30),
).map(lambda t: ("leaf", t[0], t[1]))


def _tree(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(
        st.tuples(
            st.sampled_from(["mixed", "alternative", "related"]), st.lists(children, min_size=1, max_size=4)
        ).map(lambda t: ("multi", t[0], t[1])),
        children.map(lambda c: ("message", c)),
    )


_trees = st.recursive(_leaf, _tree, max_leaves=12)


def _render(node: object, counter: list[int]) -> bytes:
    assert isinstance(node, tuple)
    if node[0] == "leaf":
        body = node[2].replace("\n", "\r\n").encode()
        return f"Content-Type: {node[1]}\r\n\r\n".encode() + body
    if node[0] == "message":
        return b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n" + _render(node[1], counter)
    counter[0] += 1
    boundary = f"=_b{counter[0]}".encode()
    out = b'Content-Type: multipart/%s; boundary="%s"\r\n\r\npreamble\r\n' % (node[1].encode(), boundary)
    for child in node[2]:
        out += b"--" + boundary + b"\r\n" + _render(child, counter) + b"\r\n"
    return out + b"--" + boundary + b"--\r\nepilogue\r\n"


def _leaves(node: object) -> int:
    assert isinstance(node, tuple)
    if node[0] == "leaf":
        return 1
    if node[0] == "message":
        return _leaves(node[1])
    return sum(_leaves(c) for c in node[2])


def _numbered(node: object) -> int:
    """Numbered sections of the tree below the top (RFC 9051 §6.4.5)."""
    assert isinstance(node, tuple)
    if node[0] == "leaf":
        return 0
    if node[0] == "message":
        inner = node[1]
        return _numbered(inner) if inner[0] == "multi" else 1 + _numbered(inner)
    return sum(1 + _numbered(c) for c in node[2])


@_SETTINGS
@given(_trees)
def test_generated_trees(tree: object) -> None:
    raw = b"From: a@tinh.gov.vn\r\nSubject: top\r\nMIME-Version: 1.0\r\n" + _render(tree, [0])
    parsed = parse_message(raw)
    assert parsed.defects == ()
    structure = read(parsed.bodystructure)
    assert count_leaf_parts(structure) == _leaves(tree)
    assert count_leaf_parts(read(parsed.body)) == _leaves(tree)
    top_numbered = _numbered(tree) if tree[0] == "multi" else 1 + _numbered(tree)  # type: ignore[index]
    assert len(parsed.parts) == top_numbered
    # Every leaf's offsets slice exactly the body that was rendered for it, in tree order.
    leaf_bodies = [
        raw[s.body_start : s.end]
        for s in parsed.parts
        if not s.content_type.startswith(("multipart/", "message/"))
    ]
    assert leaf_bodies == _leaf_bodies(tree)


def _leaf_bodies(node: object) -> list[bytes]:
    assert isinstance(node, tuple)
    if node[0] == "leaf":
        return [node[2].replace("\n", "\r\n").encode()]
    if node[0] == "message":
        return _leaf_bodies(node[1])
    return [b for c in node[2] for b in _leaf_bodies(c)]


@_SETTINGS
@given(st.text(max_size=60), st.text(max_size=30), st.binary(max_size=60))
def test_date_charset_and_body_never_break_the_parse(date: str, charset: str, body: bytes) -> None:
    raw = (
        "Date: " + date.replace("\r", " ").replace("\n", " ")
        + "\r\nContent-Type: text/plain; charset=\"" + charset.replace('"', "") + "\"\r\n\r\n"
    ).encode("utf-8", "surrogatepass") + body
    _check(raw)
