#include "export/sequencediagram.h"

#include <QRegularExpression>
#include <QSet>

namespace idem {

namespace {

constexpr int maxResultLength = 60; ///< a result arrow's text: keeps the arrow readable
constexpr int maxNoteLength = 100;

// One line of plain text: line breaks and other control characters become spaces.
QString plainLine(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        if (c.category() == QChar::Other_Control || c == QChar(0x2028) || c == QChar(0x2029))
            c = QLatin1Char(' ');
    }
    return out.simplified();
}

QString cut(const QString &text, int maxLength)
{
    if (text.size() <= maxLength)
        return text;
    int at = text.lastIndexOf(QLatin1Char(' '), maxLength);
    if (at < maxLength / 2)
        at = maxLength;
    return text.left(at) + QLatin1String("...");
}

QString trailingDigits(const QString &id)
{
    static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
    const QRegularExpressionMatch m = digits.match(id);
    return m.hasMatch() ? m.captured(1) : QString();
}

// Short identifiers a reader can map back at a glance: client-1 → C1, router → R,
// server-a1 → A1, db-a → DBA, cache → Cache. Only letters, digits and '_', never a keyword.
QVector<SequenceParticipant> participantsOf(const QVector<Node> &nodes)
{
    QVector<SequenceParticipant> out;
    QSet<QString> taken;
    int clients = 0;
    for (const Node &n : nodes) {
        const QString digits = trailingDigits(n.id);
        const QString cluster = clusterName(n.cluster);
        QString base;
        switch (n.kind) {
        case NodeKind::Client:
            ++clients;
            base = QLatin1Char('C') + (digits.isEmpty() ? QString::number(clients) : digits);
            break;
        case NodeKind::Router:
            base = QStringLiteral("R");
            break;
        case NodeKind::Server:
            base = (cluster.isEmpty() ? QStringLiteral("S") : cluster) + digits;
            break;
        case NodeKind::Database:
            base = QStringLiteral("DB") + cluster;
            break;
        case NodeKind::Cache:
            base = QStringLiteral("Cache");
            break;
        }
        QString id = base;
        for (int i = 2; taken.contains(id); ++i)
            id = base + QLatin1Char('_') + QString::number(i);
        taken.insert(id);
        const QString name = plainLine(n.name);
        out.append({id, name.isEmpty() ? id : name, n.kind});
    }
    return out;
}

// "K1 CREATED", "ledger A-1 (K1)": the label says which rows, the key which request they serve.
QString replicatedWhat(const Event &e)
{
    if (e.label.isEmpty())
        return e.key;
    if (e.key.isEmpty() || e.label.contains(e.key))
        return e.label;
    return QStringLiteral("%1 (%2)").arg(e.label, e.key);
}

bool isNote(const Event &e)
{
    switch (e.type) {
    case EventType::Respond:
    case EventType::OpStart:
    case EventType::LockWait:
    case EventType::Timeout:
    case EventType::Anomaly:
    case EventType::Conflict:
    case EventType::Fault:
        return true;
    case EventType::Validate:
        return e.status != 0; // a refused header; a valid one is routine
    default:
        return false;
    }
}

bool isDrawn(const Event &e)
{
    switch (e.type) {
    case EventType::Send:
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
    case EventType::Replicate:
        return true;
    default:
        return isNote(e);
    }
}

} // namespace

/// Turns events into steps; kept apart from SequenceDiagram so the header stays small.
class SequenceBuilder
{
public:
    SequenceBuilder(const RunResult &run, SequenceDiagram &out) : m_run(run), m_out(out) {}

    bool valid(int node) const { return node >= 0 && node < m_out.m_participants.size(); }
    bool isDrawnSend(const Event &e) const
    {
        return e.type == EventType::Send && valid(e.from) && valid(e.to);
    }

    void message(const Event &e, int from, int to, const QString &text, bool response)
    {
        SequenceStep s;
        s.from = from;
        s.to = to;
        s.response = response;
        s.lost = e.lost;
        s.status = e.type == EventType::Send ? e.status : 0;
        s.text = plainLine(text);
        if (s.text.isEmpty())
            s.text = QStringLiteral("message");
        if (s.lost)
            s.text += QLatin1String(" (lost)");
        m_out.m_steps.append(s);
    }

    // Note over one or two participants; with none known it spans the whole diagram.
    void note(int a, int b, const QString &text, bool alert)
    {
        const int count = m_out.m_participants.size();
        if (count == 0)
            return;
        SequenceStep s;
        s.kind = SequenceStep::Kind::Note;
        s.alert = alert;
        s.from = valid(a) ? a : valid(b) ? b : 0;
        s.to = valid(a) && valid(b) && a != b ? b : -1;
        if (!valid(a) && !valid(b) && count > 1)
            s.to = count - 1;
        s.text = cut(plainLine(text), maxNoteLength);
        if (s.text.isEmpty())
            s.text = QStringLiteral("note");
        m_out.m_steps.append(s);
    }

    // The caption without the "Server A1: " that names a node the step is drawn at anyway.
    QString withoutNodePrefix(const Event &e) const
    {
        QString text = plainLine(e.caption);
        for (const int node : {e.from, e.to}) {
            if (node < 0 || node >= m_run.nodes.size())
                continue;
            const QString prefix = plainLine(m_run.nodes[node].name) + QLatin1String(": ");
            if (text.startsWith(prefix))
                text = text.mid(prefix.size());
        }
        return text;
    }

    void event(const Event &e)
    {
        switch (e.type) {
        case EventType::Send:
            if (isDrawnSend(e))
                message(e, e.from, e.to, e.label, e.status != 0);
            return;
        case EventType::DbRead:
        case EventType::DbWrite:
        case EventType::CacheOp:
            if (valid(e.from) && valid(e.to)) {
                message(e, e.from, e.to, e.label, false);
                const QString result = cut(withoutNodePrefix(e), maxResultLength);
                message(e, e.to, e.from, result.isEmpty() ? QStringLiteral("done") : result, true);
            } else {
                note(e.from, e.to, e.label, false);
            }
            return;
        case EventType::Replicate:
            if (valid(e.from) && valid(e.to))
                message(e, e.from, e.to,
                        QStringLiteral("replicate %1").arg(replicatedWhat(e)).trimmed(), true);
            return;
        case EventType::Timeout: {
            int client = valid(e.from) ? e.from : e.to;
            if (!valid(client) && e.request >= 0 && e.request < m_run.attempts.size())
                client = m_run.attempts[e.request].clientNode;
            const QString caption = withoutNodePrefix(e);
            note(client, -1,
                 caption.isEmpty() ? QStringLiteral("timeout %1").arg(e.key).trimmed() : caption,
                 false);
            return;
        }
        case EventType::Anomaly:
        case EventType::Conflict:
        case EventType::Fault:
            note(e.from, e.to,
                 e.caption.isEmpty() ? eventTypeName(e.type) + QLatin1Char(' ') + e.key : e.caption,
                 true);
            return;
        default:
            if (isNote(e)) {
                const QString caption = withoutNodePrefix(e);
                note(e.from, -1, caption.isEmpty() ? eventTypeName(e.type) : caption, false);
            }
            return;
        }
    }

    // Sends that leave at one instant: a parallel block, a branch per send, named by the
    // sender (or by sender and receiver when one node sends several).
    void parallelSends(const QVector<const Event *> &sends)
    {
        QSet<int> senders;
        for (const Event *e : sends)
            senders.insert(e->from);
        const bool bySender = senders.size() == sends.size();
        const auto &people = m_out.m_participants;
        for (int i = 0; i < sends.size(); ++i) {
            const Event &e = *sends[i];
            SequenceStep s;
            s.kind =
                i == 0 ? SequenceStep::Kind::ParallelBegin : SequenceStep::Kind::ParallelBranch;
            s.text = bySender
                         ? people[e.from].name
                         : QStringLiteral("%1 to %2").arg(people[e.from].name, people[e.to].name);
            m_out.m_steps.append(s);
            event(e);
        }
        SequenceStep end;
        end.kind = SequenceStep::Kind::ParallelEnd;
        m_out.m_steps.append(end);
    }

    // Events of one instant: with two sends or more, the other steps first, then the sends
    // side by side.
    void instant(const QVector<const Event *> &events)
    {
        QVector<const Event *> sends;
        for (const Event *e : events)
            if (isDrawnSend(*e))
                sends << e;
        if (sends.size() < 2) {
            for (const Event *e : events)
                event(*e);
            return;
        }
        for (const Event *e : events)
            if (!isDrawnSend(*e))
                event(*e);
        parallelSends(sends);
    }

private:
    const RunResult &m_run;
    SequenceDiagram &m_out;
};

SequenceDiagram SequenceDiagram::build(const RunResult &run, const ExportRange &range)
{
    SequenceDiagram d;
    d.m_participants = participantsOf(run.nodes);
    d.m_header = {
        QStringLiteral("Idempotency Lab 0.1.0: scenario %1, seed %2")
            .arg(plainLine(run.scenario.name))
            .arg(run.scenario.settings.seed),
        QStringLiteral("events from %1 to %2 µs of a run that ends at %3 µs")
            .arg(range.fromUs)
            .arg(range.clampedTo(run))
            .arg(ExportRange{}.clampedTo(run)),
        QStringLiteral("verdict (whole run): %1").arg(plainLine(run.verdict.summary())),
    };

    SequenceBuilder builder(run, d);
    QVector<const Event *> instant;
    for (const Event &e : run.events) {
        if (!range.contains(e.t) || !isDrawn(e))
            continue;
        if (!instant.isEmpty() && instant.first()->t != e.t) {
            builder.instant(instant);
            instant.clear();
        }
        instant << &e;
    }
    if (!instant.isEmpty())
        builder.instant(instant);
    return d;
}

} // namespace idem
