"""µs per message for `congvu.mime.parse_message` (issue 9 item 5; DESIGN.md ingest target).

Parsing must not be the SMTP ingest bottleneck (~1,000 msg/s of 10 KB in one process for the
whole pipeline), so one 10 KB Vietnamese message should parse well under 300 µs. Prints µs per
message for a 10 KB text/plain message, a 10 KB multipart/alternative with HTML, and a 1 MB
message with an attachment. Messages are generated here with the stdlib email package, in the
shape of ../shared/peerbench/msggen.py (RFC 2047 subjects and names, QP/base64/8bit bodies, an
RFC 2231 file name). ``python -m bench mime [-- N]`` (N: repetitions, default 2000).
"""

from __future__ import annotations

import email
import email.policy
import random
import time
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP

from congvu.mime import parse_message

PARAS = [
    "Thực hiện chỉ đạo của Chủ tịch Ủy ban nhân dân tỉnh, Văn phòng trân trọng thông báo lịch họp "
    "giao ban tuần như sau: thời gian 8 giờ 00 phút, sáng thứ Hai; địa điểm: Phòng họp số 1.",
    "Đề nghị các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố khẩn trương tổng hợp "
    "số liệu và gửi báo cáo về Sở Thông tin và Truyền thông trước ngày 25 hằng tháng.",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; "
    "đề nghị đơn vị kiểm tra, xử lý theo đúng thời hạn quy định.",
    "Yêu cầu Thủ trưởng các cơ quan, đơn vị nghiêm túc triển khai thực hiện; bảo đảm an toàn thông "
    "tin, không sử dụng thư điện tử cá nhân để trao đổi văn bản công vụ.",
]


def _base(rng: random.Random) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address("Nguyễn Văn An", "an.nv", "tinh.gov.vn")
    msg["To"] = Address("Sở Thông tin và Truyền thông", "stttt", "tinh.gov.vn")
    msg["Cc"] = Address("Trần Thị Bích Ngọc", "ngoc.ttb", "tinh.gov.vn")
    msg["Subject"] = f"Công văn số {rng.randint(1, 999)}/UBND-VP về việc triển khai chuyển đổi số"
    msg["Date"] = "Tue, 25 Nov 2026 08:30:00 +0700"
    msg["Message-ID"] = f"<bench.{rng.randint(1, 10**9)}@tinh.gov.vn>"
    return msg


def _text(rng: random.Random, size: int) -> str:
    out = ["Kính gửi: Các cơ quan, đơn vị.", ""]
    while sum(len(p.encode()) + 1 for p in out) < size:
        out.append(rng.choice(PARAS))
    return "\n".join(out) + "\n"


def plain_10k(rng: random.Random) -> bytes:
    msg = _base(rng)
    msg.set_content(_text(rng, 9000), cte="8bit")
    return msg.as_bytes()


def alternative_10k(rng: random.Random) -> bytes:
    msg = _base(rng)
    text = _text(rng, 2400)
    msg.set_content(text, cte="quoted-printable")
    paras = "".join(f'<p style="margin:0">{p}</p>' for p in text.split("\n"))
    html = f"<html><body>{paras}</body></html>"
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    return msg.as_bytes()


def attachment_1m(rng: random.Random) -> bytes:
    msg = _base(rng)
    msg.set_content(_text(rng, 1500), cte="base64")
    msg.add_attachment(rng.randbytes(760 * 1024), maintype="application", subtype="pdf",
                       filename="Công văn số 12.pdf")
    return msg.as_bytes()


def _measure(raw: bytes, reps: int) -> float:
    """Best of several rounds of CPU time: other processes on the machine inflate wall time."""
    parse_message(raw)
    best = float("inf")
    rounds = 7
    per_round = max(1, reps // rounds)
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(per_round):
            parse_message(raw)
        best = min(best, (time.process_time() - start) / per_round)
    return best * 1e6


def main(argv: list[str]) -> int:
    reps = int(argv[0]) if argv else 2000
    rng = random.Random(9)
    cases = [
        ("10 KB text/plain", plain_10k(rng), reps),
        ("10 KB multipart/alternative + HTML", alternative_10k(rng), reps),
        ("1 MB with attachment", attachment_1m(rng), max(10, reps // 100)),
    ]
    for name, raw, n in cases:
        us = _measure(raw, n)
        print(f"mime parse {name:<36} {len(raw):>8} B  {us:8.1f} µs/msg  {1e6 / us:8.0f} msg/s", flush=True)
    # Reference: the stdlib parser alone (no offsets, no IMAP values, no decoding, no search text).
    for name, raw, n in cases:
        for label, policy in (("compat32", email.policy.compat32), ("default", email.policy.default)):
            us = _measure_stdlib(raw, policy, max(10, n // 4))
            line = f"stdlib email {label:<9} {name:<36} {len(raw):>8} B  {us:8.1f} µs/msg"
            print(line + "  (parse + walk only)", flush=True)
    return 0


def _measure_stdlib(raw: bytes, policy: email.policy.Policy, reps: int) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for _ in range(reps):
            msg = email.message_from_bytes(raw, policy=policy)
            for part in msg.walk():
                part.get_content_type()
                part.get_filename()
            _ = msg["subject"], msg["from"]
        best = min(best, (time.process_time() - start) / reps)
    return best * 1e6
