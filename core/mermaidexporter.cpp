#include "mermaidexporter.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace idem {

namespace {

const char *const indent = "    ";

// Mermaid ends a message at ';' and reads '#' as the start of an entity code, so both are
// written as entity codes; '<' and '>' too, or the renderer may take them for HTML. Line
// breaks would end the statement and become spaces.
QString escapeText(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '#':
            out += QLatin1String("#35;");
            break;
        case ';':
            out += QLatin1String("#59;");
            break;
        case '<':
            out += QLatin1String("#60;");
            break;
        case '>':
            out += QLatin1String("#62;");
            break;
        case '\r':
        case '\n':
        case 0x2028:
        case 0x2029:
            out += QLatin1Char(' ');
            break;
        default:
            out += c;
        }
    }
    out = out.simplified();
    // Text starting "wrap:" or "nowrap:" (any case) would be read as a wrapping directive.
    static const QRegularExpression directive(QStringLiteral("^(no)?wrap:"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (directive.match(out).hasMatch())
        out.replace(out.indexOf(QLatin1Char(':')), 1, QLatin1String("#58;"));
    return out;
}

QString trailingDigits(const QString &id)
{
    static const QRegularExpression digits(QStringLiteral("(\\d+)$"));
    const QRegularExpressionMatch m = digits.match(id);
    return m.hasMatch() ? m.captured(1) : QString();
}

// Short identifiers a reader can map back at a glance: client-1 → C1, router → R,
// server-a1 → A1, db-a → DBA, cache → Cache. Only letters, digits and '_', never a keyword.
QStringList participantIds(const QVector<Node> &nodes)
{
    QStringList ids;
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
        for (int n = 2; taken.contains(id); ++n)
            id = base + QLatin1Char('_') + QString::number(n);
        taken.insert(id);
        ids << id;
    }
    return ids;
}

// The result line of a DB or cache command: its caption without the "Server A1: " prefix,
// cut to a length that keeps the arrow readable.
QString resultText(const RunResult &run, const Event &e)
{
    QString text = e.caption.simplified();
    for (const int node : {e.from, e.to}) {
        if (node < 0 || node >= run.nodes.size())
            continue;
        const QString prefix = run.nodes[node].name + QLatin1String(": ");
        if (text.startsWith(prefix))
            text = text.mid(prefix.size());
    }
    constexpr int maxLength = 60;
    if (text.size() > maxLength) {
        int cut = text.lastIndexOf(QLatin1Char(' '), maxLength);
        if (cut < maxLength / 2)
            cut = maxLength;
        text = text.left(cut) + QLatin1String("...");
    }
    return text.isEmpty() ? QStringLiteral("done") : text;
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

class Writer
{
public:
    explicit Writer(const RunResult &run) : m_run(run), m_ids(participantIds(run.nodes)) {}

    bool valid(int node) const { return node >= 0 && node < m_ids.size(); }

    void line(const QString &text, int depth = 1)
    {
        for (int i = 0; i < depth; ++i)
            m_out += indent;
        m_out += text.toUtf8();
        m_out += '\n';
    }

    void participants()
    {
        for (int i = 0; i < m_ids.size(); ++i)
            line(QStringLiteral("participant %1 as %2")
                     .arg(m_ids[i], escapeText(m_run.nodes[i].name)));
    }

    void message(int from, int to, const QString &arrow, const QString &text, int depth = 1)
    {
        QString t = escapeText(text);
        if (t.isEmpty())
            t = QStringLiteral("message");
        line(m_ids[from] + arrow + m_ids[to] + QLatin1String(": ") + t, depth);
    }

    void send(const Event &e, int depth)
    {
        const bool response = e.status != 0;
        const QString arrow = e.lost ? (response ? QStringLiteral("--x") : QStringLiteral("-x"))
                                     : (response ? QStringLiteral("-->>") : QStringLiteral("->>"));
        message(e.from, e.to, arrow, e.lost ? e.label + QLatin1String(" (lost)") : e.label, depth);
    }

    // Note over one or two participants; with none known it spans the whole diagram.
    void note(int a, int b, const QString &text)
    {
        if (m_ids.isEmpty())
            return;
        QStringList over;
        if (valid(a))
            over << m_ids[a];
        if (valid(b) && b != a)
            over << m_ids[b];
        if (over.isEmpty()) {
            over << m_ids.first();
            if (m_ids.size() > 1)
                over << m_ids.last();
        }
        QString t = escapeText(text);
        if (t.isEmpty())
            t = QStringLiteral("note");
        line(QStringLiteral("Note over %1: %2").arg(over.join(QLatin1Char(',')), t));
    }

    void event(const Event &e)
    {
        switch (e.type) {
        case EventType::Send:
            if (valid(e.from) && valid(e.to))
                send(e, 1);
            break;
        case EventType::DbRead:
        case EventType::DbWrite:
        case EventType::CacheOp:
            if (valid(e.from) && valid(e.to)) {
                message(e.from, e.to, QStringLiteral("->>"), e.label);
                message(e.to, e.from, QStringLiteral("-->>"), resultText(m_run, e));
            } else {
                note(e.from, e.to, e.label);
            }
            break;
        case EventType::Replicate:
            if (valid(e.from) && valid(e.to)) {
                const QString text =
                    QStringLiteral("replicate %1").arg(replicatedWhat(e)).trimmed();
                message(e.from, e.to, e.lost ? QStringLiteral("--x") : QStringLiteral("-->>"),
                        e.lost ? text + QLatin1String(" (lost)") : text);
            }
            break;
        case EventType::Timeout: {
            int client = valid(e.from) ? e.from : e.to;
            if (!valid(client) && e.request >= 0 && e.request < m_run.attempts.size())
                client = m_run.attempts[e.request].clientNode;
            note(client, -1, QStringLiteral("timeout %1").arg(e.key).trimmed());
            break;
        }
        case EventType::Anomaly:
        case EventType::Conflict:
        case EventType::Fault:
            note(e.from, e.to,
                 e.caption.isEmpty() ? eventTypeName(e.type) + QLatin1Char(' ') + e.key
                                     : e.caption);
            break;
        default:
            // deliver/receive repeat a send; the rest happen inside one node.
            break;
        }
    }

    // Sends that leave different nodes at the same instant: a par block, a branch per sender.
    void parallelSends(const QVector<const Event *> &sends)
    {
        QVector<int> senders;
        for (const Event *e : sends) {
            if (!senders.contains(e->from))
                senders << e->from;
        }
        for (int i = 0; i < senders.size(); ++i) {
            const QString keyword = i == 0 ? QStringLiteral("par") : QStringLiteral("and");
            line(keyword + QLatin1Char(' ') + escapeText(m_run.nodes[senders[i]].name));
            for (const Event *e : sends) {
                if (e->from == senders[i])
                    send(*e, 2);
            }
        }
        line(QStringLiteral("end"));
    }

    QByteArray finish() { return m_out; }

private:
    const RunResult &m_run;
    QStringList m_ids;
    QByteArray m_out;
};

bool isDrawnSend(const Event &e, const Writer &w)
{
    return e.type == EventType::Send && w.valid(e.from) && w.valid(e.to);
}

bool isDrawn(const Event &e)
{
    switch (e.type) {
    case EventType::Send:
    case EventType::DbRead:
    case EventType::DbWrite:
    case EventType::CacheOp:
    case EventType::Replicate:
    case EventType::Timeout:
    case EventType::Anomaly:
    case EventType::Conflict:
    case EventType::Fault:
        return true;
    default:
        return false;
    }
}

} // namespace

QByteArray MermaidExporter::render(const RunResult &run, const ExportRange &range)
{
    QVector<const Event *> drawn;
    qint64 runEnd = run.endUs;
    for (const Event &e : run.events) {
        runEnd = std::max(runEnd, e.t);
        if (e.t >= range.fromUs && e.t <= range.toUs && isDrawn(e))
            drawn << &e;
    }

    Writer w(run);
    w.line(QStringLiteral("sequenceDiagram"), 0);
    w.line(QStringLiteral("autonumber"));
    w.line(QStringLiteral("%% Idempotency Lab 0.1.0: scenario %1, seed %2")
               .arg(run.scenario.name.simplified())
               .arg(run.scenario.settings.seed));
    w.line(QStringLiteral("%% events from %1 to %2 µs of a run that ends at %3 µs")
               .arg(range.fromUs)
               .arg(std::min(range.toUs, runEnd))
               .arg(runEnd));
    w.line(QStringLiteral("%% verdict (whole run): %1").arg(run.verdict.summary().simplified()));
    w.participants();

    for (int i = 0; i < drawn.size();) {
        const Event &e = *drawn[i];
        if (!isDrawnSend(e, w)) {
            w.event(e);
            ++i;
            continue;
        }
        QVector<const Event *> sends;
        QSet<int> senders;
        int j = i;
        for (; j < drawn.size() && isDrawnSend(*drawn[j], w) && drawn[j]->t == e.t; ++j) {
            sends << drawn[j];
            senders.insert(drawn[j]->from);
        }
        if (senders.size() > 1)
            w.parallelSends(sends);
        else
            for (const Event *s : sends)
                w.event(*s);
        i = j;
    }
    return w.finish();
}

} // namespace idem
