#include "storage/cachestore.h"

#include <QMutexLocker>

#include <algorithm>

namespace idem {

CacheResult CacheStore::execute(const CacheCommand &cmd, qint64 nowUs)
{
    QMutexLocker locker(&m_mutex);
    CacheResult result;
    auto it = m_entries.find(cmd.key);
    if (it != m_entries.end() && it->expiresUs <= nowUs) {
        m_entries.erase(it);
        it = m_entries.end();
    }
    switch (cmd.op) {
    case CacheOp::ClaimNx:
        if (it != m_entries.end()) {
            result.found = true;
            result.entry = *it;
            return result;
        }
        result.done = true;
        result.entry =
            CacheEntry{cmd.key,    QStringLiteral("CREATED"), cmd.fingerprint, 0,         {},
                       cmd.origin, nowUs + cmd.ttlUs,         nowUs,           cmd.client};
        m_entries.insert(cmd.key, result.entry);
        return result;
    case CacheOp::Finish:
        // XX: only a key that is still there; an expired claim is not brought back.
        if (it == m_entries.end())
            return result;
        it->status = QStringLiteral("CONSUMED");
        it->responseCode = cmd.responseCode;
        it->responseBody = cmd.responseBody;
        it->expiresUs = nowUs + cmd.ttlUs;
        result.done = true;
        result.found = true;
        result.entry = *it;
        return result;
    case CacheOp::Delete:
        if (it == m_entries.end())
            return result;
        result.done = true;
        result.entry = *it;
        m_entries.erase(it);
        return result;
    }
    return result;
}

QVector<CacheEntry> CacheStore::entries(qint64 nowUs) const
{
    QMutexLocker locker(&m_mutex);
    QVector<CacheEntry> out;
    for (const auto &entry : m_entries)
        if (entry.expiresUs > nowUs)
            out.append(entry);
    std::sort(out.begin(), out.end(),
              [](const CacheEntry &a, const CacheEntry &b) { return a.rawKey < b.rawKey; });
    return out;
}

QString CacheStore::commandText(const CacheCommand &cmd, const QString &label)
{
    const QString ttl = QString::number(cmd.ttlUs / 1000);
    switch (cmd.op) {
    case CacheOp::ClaimNx:
        return QStringLiteral("SET %1 CREATED NX PX %2").arg(label, ttl);
    case CacheOp::Finish:
        return QStringLiteral("SET %1 CONSUMED XX PX %2").arg(label, ttl);
    case CacheOp::Delete:
        return QStringLiteral("DEL %1").arg(label);
    }
    return {};
}

} // namespace idem
