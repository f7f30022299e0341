#include "storage/outbox.h"

#include "storage/clusterdatabase.h"
#include "storage/sqlrow.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace idem {

namespace {

// The time of the write in epoch microseconds (julianday has millisecond precision).
#define IDEM_OUTBOX_NOW "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)"

// TEMP triggers belong to this connection only, and may write to a table of `main` (a
// trigger body names its table unqualified: it resolves to main.outbox).
const char *const triggers[] = {
    "CREATE TEMP TRIGGER IF NOT EXISTS outbox_key_insert AFTER INSERT ON main.idempotency_keys "
    "BEGIN INSERT INTO outbox (kind, scope, key, ledger_id, written_us) "
    "VALUES ('key', NEW.scope, NEW.key, NULL, " IDEM_OUTBOX_NOW "); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS outbox_key_update AFTER UPDATE ON main.idempotency_keys "
    "BEGIN INSERT INTO outbox (kind, scope, key, ledger_id, written_us) "
    "VALUES ('key', NEW.scope, NEW.key, NULL, " IDEM_OUTBOX_NOW "); END",
    "CREATE TEMP TRIGGER IF NOT EXISTS outbox_ledger_insert AFTER INSERT ON main.ledger "
    "BEGIN INSERT INTO outbox (kind, scope, key, ledger_id, written_us) "
    "VALUES ('ledger', NEW.scope, NEW.key, NEW.id, " IDEM_OUTBOX_NOW "); END",
};

} // namespace

std::optional<QString> Outbox::createTriggers(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const char *sql : triggers)
        if (!q.exec(QString::fromLatin1(sql)))
            return QStringLiteral("cannot create the outbox triggers: %1")
                .arg(q.lastError().text());
    return {};
}

qint64 Outbox::epochUs()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

Outbox::Due Outbox::due(qint64 cutoffUs, int limit) const
{
    Due out;
    QSqlQuery q(m_db.connection());
    q.setForwardOnly(true);
    // A key entry with a later entry of the same key is superseded: the later one ships the
    // row as it is then (the row shipped is always the current one).
    q.prepare(QStringLiteral(
        "SELECT seq, kind, scope, key, ledger_id, written_us, kind = 'key' AND EXISTS (SELECT 1 "
        "FROM outbox n WHERE n.key = o.key AND n.scope = o.scope AND n.kind = 'key' AND n.seq > "
        "o.seq) FROM outbox o WHERE written_us <= ? ORDER BY seq LIMIT ?"));
    q.addBindValue(cutoffUs);
    q.addBindValue(limit);
    if (!q.exec()) {
        out.error = QStringLiteral("cannot read the outbox: %1").arg(q.lastError().text());
        return out;
    }
    struct Raw
    {
        qint64 seq, writtenUs;
        bool keyRow;
        QString scope, key, ledgerId;
    };
    QVector<Raw> raw;
    while (q.next()) {
        if (q.value(6).toBool()) {
            out.skipped.append(q.value(0).toLongLong());
            continue;
        }
        raw.append(Raw{q.value(0).toLongLong(), q.value(5).toLongLong(),
                       q.value(1).toString() == QLatin1String("key"), q.value(2).toString(),
                       q.value(3).toString(), q.value(4).toString()});
    }
    q.finish();
    for (const Raw &r : raw) {
        Entry e;
        e.seq = r.seq;
        e.writtenUs = r.writtenUs;
        e.keyRow = r.keyRow;
        if (r.keyRow) {
            auto row = m_db.keyRow(r.scope, r.key);
            if (!row) {
                out.skipped.append(r.seq);
                continue;
            }
            e.key = *row;
        } else {
            auto row = m_db.ledgerRow(r.ledgerId);
            if (!row) {
                out.skipped.append(r.seq);
                continue;
            }
            e.ledger = *row;
        }
        out.entries.append(std::move(e));
    }
    return out;
}

std::optional<QString> Outbox::remove(const QVector<qint64> &seqs)
{
    if (seqs.isEmpty())
        return {};
    QSqlDatabase db = m_db.connection();
    if (!db.transaction())
        return QStringLiteral("cannot empty the outbox: %1").arg(db.lastError().text());
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM outbox WHERE seq = ?"));
    for (qint64 seq : seqs) {
        q.bindValue(0, seq);
        if (!q.exec()) {
            const QString error = q.lastError().text();
            db.rollback();
            return QStringLiteral("cannot empty the outbox: %1").arg(error);
        }
    }
    if (!db.commit()) {
        const QString error = db.lastError().text();
        db.rollback();
        return QStringLiteral("cannot empty the outbox: %1").arg(error);
    }
    return {};
}

qint64 Outbox::backlog() const
{
    QSqlQuery q(m_db.connection());
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM outbox")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace idem
