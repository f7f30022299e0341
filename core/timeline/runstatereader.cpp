#include "timeline/runstatereader.h"

#include "timeline/timelinereader.h"
#include "json/jsonwording.h"

#include <climits>

namespace idem {

namespace {

using F = JsonFields;
using W = JsonWording;

constexpr qint64 maxTime = F::maxExactInteger;
constexpr int shortText = TimelineReader::maxShortText;
constexpr int longText = TimelineReader::maxLongText;

QStringList clusters()
{
    return {QStringLiteral("A"), QStringLiteral("B")};
}

} // namespace

bool RunStateReader::read(const QJsonObject &root)
{
    const QString path = QStringLiteral("databases");
    const QJsonObject dbs = m_f.object(root, {}, path);
    for (int c = 0; c < 2 && !m_f.failed(); ++c) {
        const QString name = clusters()[c];
        database(m_f.object(dbs, path, name), W::at(path, name), c);
    }
    if (m_f.failed())
        return false;
    return verdict(m_f.object(root, {}, QStringLiteral("verdict")), QStringLiteral("verdict"));
}

bool RunStateReader::database(const QJsonObject &o, const QString &path, int cluster)
{
    const QString keysPath = W::at(path, QStringLiteral("idempotencyKeys"));
    const QJsonArray keys =
        m_f.array(o, path, QStringLiteral("idempotencyKeys"), TimelineReader::maxRows);
    for (int i = 0; i < keys.size() && !m_f.failed(); ++i)
        keyRow(keys.at(i), W::at(keysPath, i), cluster);
    const QString ledgerPath = W::at(path, QStringLiteral("ledger"));
    const QJsonArray ledger = m_f.array(o, path, QStringLiteral("ledger"), TimelineReader::maxRows);
    for (int i = 0; i < ledger.size() && !m_f.failed(); ++i)
        ledgerRow(ledger.at(i), W::at(ledgerPath, i), cluster);
    return !m_f.failed();
}

bool RunStateReader::keyRow(const QJsonValue &value, const QString &path, int cluster)
{
    const QJsonObject o = m_f.object(value, path);
    KeyRow row;
    row.key = m_f.string(o, path, QStringLiteral("key"), shortText);
    // The literal header value is data under test: any character, written back JSON-escaped.
    row.rawKey = m_f.rawString(o, path, QStringLiteral("rawKey"), longText, false);
    const QStringList statuses{QStringLiteral("CREATED"), QStringLiteral("CONSUMED")};
    row.status = statuses.value(m_f.choice(o, path, QStringLiteral("status"), statuses, false));
    row.fingerprint = m_f.string(o, path, QStringLiteral("fingerprint"), shortText);
    row.responseCode =
        int(m_f.nullableInteger(o, path, QStringLiteral("responseCode"), 100, 599, 0));
    row.responseBody = m_f.nullableString(o, path, QStringLiteral("responseBody"), longText);
    row.createdUs = m_f.integer(o, path, QStringLiteral("createdUs"), 0, maxTime);
    row.updatedUs = m_f.integer(o, path, QStringLiteral("updatedUs"), 0, maxTime);
    row.origin = m_f.choice(o, path, QStringLiteral("origin"), clusters(), false);
    // Newer fields, absent from older timelines (and where they hold their default).
    if (o.contains(QLatin1String("generation")))
        row.generation = int(m_f.integer(o, path, QStringLiteral("generation"), 1, INT_MAX));
    if (o.contains(QLatin1String("scope")))
        row.scope = m_f.string(o, path, QStringLiteral("scope"), shortText);
    if (m_f.failed())
        return false;
    m_run.keys[cluster].append(row);
    return true;
}

bool RunStateReader::ledgerRow(const QJsonValue &value, const QString &path, int cluster)
{
    const QJsonObject o = m_f.object(value, path);
    LedgerRow row;
    row.id = m_f.string(o, path, QStringLiteral("id"), shortText);
    row.key = m_f.string(o, path, QStringLiteral("key"), shortText);
    row.origin = m_f.choice(o, path, QStringLiteral("origin"), clusters(), false);
    row.fromAcct = m_f.string(o, path, QStringLiteral("fromAcct"), shortText);
    row.toAcct = m_f.string(o, path, QStringLiteral("toAcct"), shortText);
    row.amount = m_f.integer(o, path, QStringLiteral("amount"), -maxTime, maxTime);
    row.atUs = m_f.integer(o, path, QStringLiteral("atUs"), 0, maxTime);
    if (o.contains(QLatin1String("scope")))
        row.scope = m_f.string(o, path, QStringLiteral("scope"), shortText);
    if (m_f.failed())
        return false;
    m_run.ledger[cluster].append(row);
    return true;
}

bool RunStateReader::verdict(const QJsonObject &o, const QString &path)
{
    Verdict &v = m_run.verdict;
    v.timeouts = int(m_f.integer(o, path, QStringLiteral("timeouts"), 0, INT_MAX));
    if (m_f.failed() || !counts(o, path))
        return false;
    const QString anomaliesPath = W::at(path, QStringLiteral("anomalies"));
    const QJsonArray anomalies =
        m_f.array(o, path, QStringLiteral("anomalies"), TimelineReader::maxRows);
    for (int i = 0; i < anomalies.size() && !m_f.failed(); ++i)
        anomaly(anomalies.at(i), W::at(anomaliesPath, i));
    v.stuckKeys =
        m_f.stringList(o, path, QStringLiteral("stuckKeys"), TimelineReader::maxRows, shortText);
    v.replicationConflicts =
        int(m_f.integer(o, path, QStringLiteral("replicationConflicts"), 0, INT_MAX));
    return !m_f.failed();
}

// statusCounts ({"201": 1, "timeout": 1}) and sideEffects ({"K1": 2}).
bool RunStateReader::counts(const QJsonObject &o, const QString &path)
{
    Verdict &v = m_run.verdict;
    const QString statusPath = W::at(path, QStringLiteral("statusCounts"));
    const QJsonObject statuses = m_f.object(o, path, QStringLiteral("statusCounts"));
    for (auto it = statuses.constBegin(); it != statuses.constEnd() && !m_f.failed(); ++it) {
        const int count = int(m_f.integer(it.value(), W::at(statusPath, it.key()), 0, INT_MAX));
        if (it.key() == QLatin1String("timeout")) {
            if (count != v.timeouts)
                return m_f.fail(W::at(statusPath, it.key()),
                                QStringLiteral("must be %1 (verdict.timeouts), got %2")
                                    .arg(v.timeouts)
                                    .arg(count));
            continue;
        }
        bool ok = false;
        const int status = it.key().toInt(&ok);
        if (!ok || status < 100 || status > 599 || QString::number(status) != it.key())
            return m_f.fail(statusPath, QStringLiteral("unknown key %1 (expected an HTTP status "
                                                       "such as \"201\", or \"timeout\")")
                                            .arg(W::quoted(it.key())));
        v.statusCounts.insert(status, count);
    }

    const QString effectsPath = W::at(path, QStringLiteral("sideEffects"));
    const QJsonObject effects = m_f.object(o, path, QStringLiteral("sideEffects"));
    if (effects.size() > TimelineReader::maxRows)
        return m_f.fail(effectsPath, QStringLiteral("must be an object of at most %1 entries, "
                                                    "got %2 entries")
                                         .arg(TimelineReader::maxRows)
                                         .arg(effects.size()));
    for (auto it = effects.constBegin(); it != effects.constEnd() && !m_f.failed(); ++it) {
        if (it.key().size() > shortText)
            return m_f.fail(effectsPath, QStringLiteral("a key must be at most %1 characters, "
                                                        "got %2 characters")
                                             .arg(shortText)
                                             .arg(it.key().size()));
        if (!W::isOneLine(it.key()))
            return m_f.fail(effectsPath, QStringLiteral("a key ") + W::notOneLine(it.key()));
        v.sideEffects.insert(
            it.key(), int(m_f.integer(it.value(), W::at(effectsPath, it.key()), 0, INT_MAX)));
    }
    return !m_f.failed();
}

bool RunStateReader::anomaly(const QJsonValue &value, const QString &path)
{
    const QJsonObject o = m_f.object(value, path);
    Anomaly a;
    a.type = m_f.string(o, path, QStringLiteral("type"), shortText);
    a.key = m_f.string(o, path, QStringLiteral("key"), shortText);
    a.count = int(m_f.integer(o, path, QStringLiteral("count"), 0, INT_MAX));
    a.ledgerIds =
        m_f.stringList(o, path, QStringLiteral("ledgerIds"), TimelineReader::maxRows, shortText);
    if (m_f.failed())
        return false;
    m_run.verdict.anomalies.append(a);
    return true;
}

} // namespace idem
