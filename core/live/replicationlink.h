#pragma once

#include "storage/clusterdatabase.h"

#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <array>
#include <deque>
#include <functional>
#include <optional>

namespace idem {

/// Live mode's replication between the two cluster DBs: every row written at one cluster
/// is applied to the other after the lag, by a thread of its own with its own connections.
/// Rows whose lag has passed travel together, one transaction per batch, at most every
/// 20 ms (so a row may land up to 20 ms after its lag).
class ReplicationLink : public QThread
{
    Q_OBJECT

public:
    /// One row on its way to the other DB.
    struct Item
    {
        qint64 dueUs = 0;     ///< session time it lands
        qint64 writtenUs = 0; ///< session time it was written at its origin
        int toCluster = 0;
        bool keyRow = true; ///< `key` travels, else `ledger`
        KeyRow key;
        LedgerRow ledger;
        QString label; ///< the key's label, for the event
    };
    /// Told about each row applied (on the link's thread): how it landed, and for a
    /// conflict which cluster had claimed the local row.
    using Applied = std::function<void(const Item &, ReplicaOutcome, int localOrigin)>;
    using Clock = std::function<qint64()>;

    /// `writeLocks[c]` serialises writers of DB c with the handlers' writes.
    ReplicationLink(std::array<QString, 2> files, std::array<QMutex *, 2> writeLocks, Clock clock,
                    Applied applied, QObject *parent = nullptr);
    ~ReplicationLink() override;

    /// Opens the link's connections and starts its thread; an error line on failure.
    [[nodiscard]] std::optional<QString> begin();
    /// Queues a row; it lands at `item.dueUs`.
    void enqueue(Item item);
    /// Stops the thread; rows not yet due are not copied. Returns how many were left.
    qsizetype finish();

protected:
    void run() override;

private:
    void apply(const std::vector<Item> &batch);

    std::array<QString, 2> m_files;
    std::array<QMutex *, 2> m_writeLocks;
    Clock m_clock;
    Applied m_applied;

    QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Item> m_queue; ///< in order of due time: the lag is the same for every row
    bool m_stop = false;
    std::optional<QString> m_openError;
    QMutex m_started;
    QWaitCondition m_startedCond;
    bool m_ready = false;
};

} // namespace idem
