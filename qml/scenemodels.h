#pragma once

#include "cachemodel.h"
#include "eventmodel.h"
#include "keyrowmodel.h"
#include "ledgermodel.h"
#include "messagemodel.h"
#include "nodemodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace idem {

class Playback;

/// The scene's list models, kept in step with the playhead: the nodes and every event of
/// the run on screen, and at the playhead the messages in flight, each DB's key and ledger
/// rows and the shared cache's entries.
class SceneModels : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SimulationController")

    Q_PROPERTY(idem::NodeModel *nodes READ nodes CONSTANT FINAL)
    Q_PROPERTY(idem::MessageModel *messages READ messages CONSTANT FINAL)
    Q_PROPERTY(idem::KeyRowModel *keysA READ keysA CONSTANT FINAL)
    Q_PROPERTY(idem::KeyRowModel *keysB READ keysB CONSTANT FINAL)
    Q_PROPERTY(idem::LedgerModel *ledgerA READ ledgerA CONSTANT FINAL)
    Q_PROPERTY(idem::LedgerModel *ledgerB READ ledgerB CONSTANT FINAL)
    Q_PROPERTY(idem::CacheModel *cacheEntries READ cacheEntries CONSTANT FINAL)
    Q_PROPERTY(idem::EventModel *events READ events CONSTANT FINAL)

public:
    /// Follows `playback`; made before anything else listens to it, so that the models are
    /// up to date when the others hear of a new run or moment.
    explicit SceneModels(const Playback &playback, QObject *parent = nullptr);

    NodeModel *nodes() { return &m_nodes; }
    MessageModel *messages() { return &m_messages; }
    KeyRowModel *keysA() { return &m_keys[0]; }
    KeyRowModel *keysB() { return &m_keys[1]; }
    LedgerModel *ledgerA() { return &m_ledger[0]; }
    LedgerModel *ledgerB() { return &m_ledger[1]; }
    CacheModel *cacheEntries() { return &m_cache; }
    EventModel *events() { return &m_events; }

private:
    void runChanged();
    void timeChanged();

    const Playback &m_playback;
    NodeModel m_nodes;
    MessageModel m_messages;
    KeyRowModel m_keys[2];
    LedgerModel m_ledger[2];
    CacheModel m_cache;
    EventModel m_events;
};

} // namespace idem
