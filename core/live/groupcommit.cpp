#include "live/groupcommit.h"

#include <QMutexLocker>

namespace idem {

DbResult GroupCommit::write(ClusterDatabase &connection, const DbCommand &command, qint64 nowUs)
{
    Pending mine;
    mine.command = &command;
    mine.nowUs = nowUs;
    QMutexLocker locker(&m_mutex);
    m_queue.push_back(&mine);
    while (!mine.done) {
        if (m_leading) {
            m_committed.wait(&m_mutex);
            continue;
        }
        m_leading = true;
        std::vector<Pending *> batch;
        batch.swap(m_queue);
        locker.unlock();
        {
            QMutexLocker writing(&m_writeLock);
            const bool grouped = batch.size() > 1 && connection.beginBatch();
            for (Pending *p : batch)
                p->result = connection.execute(*p->command, p->nowUs);
            if (grouped) {
                if (auto error = connection.commitBatch()) {
                    for (Pending *p : batch) {
                        p->result = DbResult{};
                        p->result.error = *error;
                    }
                }
            }
        }
        locker.relock();
        for (Pending *p : batch)
            p->done = true;
        m_leading = false;
        m_committed.wakeAll();
    }
    return mine.result;
}

} // namespace idem
