#pragma once

#include "export/exporter.h"

#include <QString>
#include <QStringList>
#include <QVector>

namespace idem {

/// A lifeline of a sequence diagram: one node, with a short identifier ("C1", "DBA").
struct SequenceParticipant
{
    QString id;   ///< letters, digits and '_', starting with a letter; never a keyword
    QString name; ///< the node's name, shown to people
    NodeKind kind = NodeKind::Client;
};

/// One statement of a sequence diagram, before any syntax.
struct SequenceStep
{
    enum class Kind
    {
        Message,        ///< an arrow from `from` to `to`
        Note,           ///< a note over `from` (and `to`, when set)
        ParallelBegin,  ///< opens a block of simultaneous branches; `text` labels the first
        ParallelBranch, ///< starts the next branch; `text` labels it
        ParallelEnd,    ///< closes the block
    };
    Kind kind = Kind::Message;
    int from = -1;         ///< participant index
    int to = -1;           ///< participant index, or -1 (a note over one participant)
    QString text;          ///< one line of plain text (no line breaks), never empty
    bool response = false; ///< a reply: HTTP response, query result, replication
    bool lost = false;     ///< the message never arrives
    int status = 0;        ///< HTTP status of a response, 0 otherwise
    bool alert = false;    ///< a note about something that went wrong (anomaly, fault)
};

/// The messages and key moments of a run as a sequence diagram, shared by the Mermaid and
/// PlantUML exporters so both tell the same story and differ only in syntax.
///
/// Participants are the nodes in scene order. A `send` is one arrow (its `deliver` /
/// `receive` is not drawn again); a DB or cache command is a request arrow and a result
/// arrow; replication is an arrow between the DBs. Sends that leave at the same instant form
/// a parallel block. Notes carry the key captions: a server's decision (`respond`), the
/// charge (`op-start`), a wait for the lock, a refused header, a timeout, and every anomaly,
/// conflict and fault.
class SequenceDiagram
{
public:
    [[nodiscard]] static SequenceDiagram build(const RunResult &run, const ExportRange &range);

    [[nodiscard]] const QVector<SequenceParticipant> &participants() const
    {
        return m_participants;
    }
    [[nodiscard]] const QVector<SequenceStep> &steps() const { return m_steps; }
    /// Lines for a comment at the top: scenario and seed, range, verdict.
    [[nodiscard]] const QStringList &header() const { return m_header; }

private:
    friend class SequenceBuilder;
    QVector<SequenceParticipant> m_participants;
    QVector<SequenceStep> m_steps;
    QStringList m_header;
};

} // namespace idem
