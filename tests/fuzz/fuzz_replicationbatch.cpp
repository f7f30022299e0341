// libFuzzer target: the body of POST /replication (ReplicationBatchReader::fromJson), what one
// cluster process sends the other, on any bytes. Refused: one line. Accepted: every row in
// its bounds, and the batch written back (toJson) reads back as the same batch.

#include "fuzzcheck.h"
#include "live/replicationbatch.h"

using namespace idem;

namespace {

void checkRow(const ReplicationBatch::Row &r)
{
    if (r.keyRow) {
        const KeyRow &k = r.key;
        fuzz::check(!k.rawKey.isEmpty() && k.rawKey.size() <= 255, "a key of 1 to 255 characters");
        fuzz::check(k.status == QLatin1String("CREATED") || k.status == QLatin1String("CONSUMED"),
                    "a known status", k.status);
        fuzz::check(k.generation >= 1, "a generation from 1");
        fuzz::check(k.responseCode == 0 || (k.responseCode >= 100 && k.responseCode <= 599),
                    "an HTTP status or none");
        fuzz::check(k.responseCode != 0 || k.responseBody.isEmpty(), "no body without a code");
        fuzz::check(k.origin == 0 || k.origin == 1, "an origin A or B");
    } else {
        const LedgerRow &l = r.ledger;
        fuzz::check(l.amount >= 1, "a positive amount");
        fuzz::check(!l.key.isEmpty(), "a ledger row has its key");
        fuzz::check(l.id.startsWith(l.origin == 1 ? QLatin1String("B-") : QLatin1String("A-")),
                    "a ledger id of its origin", l.id);
    }
    fuzz::check(r.writtenUs >= 0, "a time from 0");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const ReplicationBatchLoad load = ReplicationBatchReader::fromJson(bytes);
    if (!load.batch) {
        fuzz::checkOneLine(load.error);
        return 0;
    }
    const ReplicationBatch &b = *load.batch;
    fuzz::check(load.error.isEmpty(), "an accepted batch has no error", load.error);
    fuzz::check(b.from == 0 || b.from == 1, "from A or B");
    fuzz::check(b.rows.size() <= ReplicationBatch::maxRows, "at most maxRows rows");
    for (const ReplicationBatch::Row &r : b.rows)
        checkRow(r);
    const QByteArray again = b.toJson();
    const ReplicationBatchLoad back = ReplicationBatchReader::fromJson(again);
    fuzz::check(back.batch.has_value(), "an accepted batch written back reads back", back.error);
    fuzz::check(back.batch->toJson() == again, "and writes the same bytes again",
                QString::fromUtf8(again));
    return 0;
}
