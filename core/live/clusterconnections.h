#pragma once

#include "storage/clusterdatabase.h"

#include <array>
#include <memory>
#include <optional>

namespace idem {

/// One thread's connections to the two cluster DB files. QtSql connections belong to the
/// thread that opens them, so every live-mode thread that touches a DB has its own. None
/// of them checkpoints after its commits: the WalCheckpointer does, off the request path.
class ClusterConnections
{
public:
    /// `name` makes the connection names unique ("<name>-0", "<name>-1"); with
    /// `ledgerIds`, charges take their ids from those connections' counters.
    ClusterConnections(const std::array<QString, 2> &files, const QString &name,
                       const std::array<std::unique_ptr<ClusterDatabase>, 2> *ledgerIds = nullptr);

    /// The connection to `cluster`, opened on first use; nullptr and `error` if it cannot be.
    ClusterDatabase *get(int cluster, QString *error);
    /// Gives the connections opened from now on the outbox triggers (storage/outbox.h): the
    /// handler threads of a cluster that replicates to a peer process. Call before get().
    void recordOutbox() { m_recordOutbox = true; }
    /// Opens both now (a cluster without a file, hosted by another process, is skipped); an
    /// error line on failure.
    [[nodiscard]] std::optional<QString> openBoth();

private:
    std::array<QString, 2> m_files;
    QString m_name;
    const std::array<std::unique_ptr<ClusterDatabase>, 2> *m_ledgerIds = nullptr;
    std::array<std::unique_ptr<ClusterDatabase>, 2> m_db;
    bool m_recordOutbox = false;
};

} // namespace idem
