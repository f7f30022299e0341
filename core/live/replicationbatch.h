#pragma once

#include "model/rows.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

namespace idem {

/// What one cluster process sends the other as `POST /replication` (serve --cluster): rows
/// written at cluster `from` whose lag has passed, in JSON with a versioned schema:
///
///     {"schema": "idemlab.replication/1", "from": "A", "rows": [
///       {"kind": "key", "writtenUs": 1796…, "key": "k1", "scope": "", "status": "CONSUMED",
///        "fingerprint": "…", "responseCode": 201, "responseBody": "{…}", "createdUs": 5,
///        "updatedUs": 9, "origin": "A", "generation": 1, "claimedUs": 5, "holder": "…",
///        "client": ""},
///       {"kind": "ledger", "writtenUs": 1796…, "id": "A-1", "key": "k1", "scope": "",
///        "origin": "A", "from": "A", "to": "B", "amount": 10, "atUs": 7}]}
///
/// The reader is strict (json/): every field is required, typed and bounded, unknown fields
/// are refused, and the first problem is one line naming its path.
struct ReplicationBatch
{
    static constexpr qsizetype maxRows = 500;
    /// The largest body accepted (500 rows with their stored responses): larger gets 413.
    static constexpr qint64 maxBytes = 4 * 1024 * 1024;
    static const QString schema; ///< "idemlab.replication/1"

    struct Row
    {
        qint64 writtenUs = 0; ///< wall-clock epoch microseconds of the write at `from`
        bool keyRow = true;
        KeyRow key;       ///< keyRow (rawKey is the stored key; `key`, the label, stays empty)
        LedgerRow ledger; ///< !keyRow (`key` is the stored key)
    };

    int from = 0; ///< the sending cluster: 0 = A, 1 = B
    QVector<Row> rows;

    /// The batch as compact JSON.
    [[nodiscard]] QByteArray toJson() const;
};

/// A batch read from untrusted bytes, or one line saying what was wrong.
struct ReplicationBatchLoad
{
    std::optional<ReplicationBatch> batch;
    QString error; ///< "replication.rows[2].status: must be one of CREATED, CONSUMED, got …"
};

/// Reads `POST /replication` bodies.
class ReplicationBatchReader
{
public:
    [[nodiscard]] static ReplicationBatchLoad fromJson(const QByteArray &json);
};

} // namespace idem
