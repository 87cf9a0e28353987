"""A batch is stored raw in one transaction, then each message is processed on its own."""

import pytest

from brandwache.intake.models import RawMessage
from brandwache.intake.pipeline import Incoming, ingest_many

pytestmark = pytest.mark.django_db

GOOD = b'{"phone": "+41 44 123 45 67", "text": "Anruf wegen Rechnung"}'
BAD = b"{not json"


def test_each_payload_of_a_batch_is_stored_and_processed_or_kept_with_its_reason():
    batch = [Incoming(GOOD, {}, "entry:1"), Incoming(BAD, {}, "entry:2")]
    results = ingest_many("phone", [*batch, Incoming(GOOD, {}, "entry:1")])
    assert [r.created for r in results] == [True, True, False]
    assert results[0].message is not None and results[2].message == results[0].message
    assert results[1].message is None and "JSON" in results[1].error
    assert RawMessage.objects.count() == 2
    assert bytes(RawMessage.objects.get(external_id="entry:2").payload) == BAD
