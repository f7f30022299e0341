#include "live/clusterconnections.h"

namespace idem {

ClusterConnections::ClusterConnections(
    const std::array<QString, 2> &files, const QString &name,
    const std::array<std::unique_ptr<ClusterDatabase>, 2> *ledgerIds)
    : m_files(files), m_name(name), m_ledgerIds(ledgerIds)
{}

ClusterDatabase *ClusterConnections::get(int cluster, QString *error)
{
    std::unique_ptr<ClusterDatabase> &db = m_db[size_t(cluster)];
    if (db)
        return db.get();
    auto opened = std::make_unique<ClusterDatabase>(
        cluster, m_name + QLatin1Char('-') + QString::number(cluster), m_files[size_t(cluster)]);
    if (m_recordOutbox)
        opened->recordOutbox();
    if (auto openError = opened->open()) {
        *error = *openError;
        return nullptr;
    }
    if (m_ledgerIds && (*m_ledgerIds)[size_t(cluster)])
        opened->shareLedgerIds(*(*m_ledgerIds)[size_t(cluster)]);
    opened->disableAutoCheckpoint();
    db = std::move(opened);
    return db.get();
}

std::optional<QString> ClusterConnections::openBoth()
{
    QString error;
    for (int c = 0; c < 2; ++c)
        if (!m_files[size_t(c)].isEmpty() && !get(c, &error))
            return error;
    return {};
}

} // namespace idem
