"""What the SMTP front-end asks of delivery. Implemented by `congvu.delivery.service`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from congvu.domain.mail import InboundEnvelope


@dataclass(frozen=True, slots=True)
class DeliveryReceipt:
    """Proof that a message is durable: its blob and one copy per recipient were committed."""

    queue_id: str  # short id for logs and the 250 reply
    blob_id: str  # content address of the raw bytes
    copies: int
    # Accounts whose quota refused their copy although others were stored (SMTP already
    # accepted the transaction, so these need a DSN; QN20-9, SL25-11.2).
    over_quota: tuple[str, ...] = ()


class Delivery(Protocol):
    async def deliver(self, envelope: InboundEnvelope, raw: bytes) -> DeliveryReceipt:
        """Store `raw` once and a copy per recipient; return only when durable (group commit).

        Raises `TemporaryFailure` when the store cannot commit (the client retries: 451),
        `PolicyDenied` when a rule refuses (over quota: 552 with the rule ID).
        """
        ...
