#include "exportfixtures.h"

#include "presetrun.h"
#include "scenario/scenarioloader.h"
#include "sim/simulation.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

#include <algorithm>

using namespace idem;

namespace {

Event makeEvent(qint64 t, EventType type, int from, int to, const QString &label,
                const QString &caption)
{
    Event e;
    e.t = t;
    e.type = type;
    e.from = from;
    e.to = to;
    e.key = QStringLiteral("K1");
    e.label = label;
    e.caption = caption;
    return e;
}

Event message(qint64 t, qint64 arrival, int from, int to, int request, int status,
              const QString &label, const QString &caption)
{
    Event e = makeEvent(t, EventType::Send, from, to, label, caption);
    e.request = request;
    e.status = status;
    e.startUs = t;
    e.endUs = arrival;
    return e;
}

} // namespace

RunResult sampleRun()
{
    RunResult run;
    run.scenario.name = QStringLiteral("lost-response");
    run.scenario.title = QStringLiteral("Lost response");
    run.scenario.description = QStringLiteral("A hand-built run for the exporter tests.");
    run.scenario.settings.seed = 42;
    run.scenario.clients = {{QStringLiteral("Client 1"), 0}};
    RequestSpec r1;
    r1.id = QStringLiteral("R1");
    r1.key = QStringLiteral("K1");
    run.scenario.requests = {r1};

    auto node = [](const char *id, const char *name, NodeKind kind, int cluster) {
        return Node{QString::fromLatin1(id), QString::fromLatin1(name), kind, cluster};
    };
    run.nodes = {
        node("client-1", "Client 1", NodeKind::Client, -1),
        node("router", "Router", NodeKind::Router, -1),
        node("server-a1", "Server A1", NodeKind::Server, 0),
        node("db-a", "DB A", NodeKind::Database, 0),
        node("cache", "Cache", NodeKind::Cache, -1),
        node("db-b", "DB B", NodeKind::Database, 1),
        node("server-b1", "Server B1", NodeKind::Server, 1),
    };

    QVector<Event> &ev = run.events;
    ev << message(0, 20'000, C1, Router, 0, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Client 1 sends POST /payments with key K1"));
    ev << makeEvent(20'000, EventType::Deliver, C1, Router, QStringLiteral("POST K1"),
                    QStringLiteral("Router receives POST K1"));
    // Two sends leave two nodes at the same instant.
    ev << message(21'000, 22'000, Router, A1, 0, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Router forwards K1 to Server A1"));
    ev << message(21'000, 41'000, C1, Router, 1, 0, QStringLiteral("POST K1"),
                  QStringLiteral("Client 1 sends again, \"just in case\", with K1"));
    ev << makeEvent(22'000, EventType::Validate, A1, -1, QString(),
                    QStringLiteral("Server A1: key K1 is valid"));
    Event read = makeEvent(23'000, EventType::DbRead, A1, DbA, QStringLiteral("SELECT K1"),
                           QStringLiteral("Server A1: key K1 not in DB A — inserting CREATED"));
    read.detail = QStringLiteral("SELECT status FROM idempotency_keys WHERE key = 'K1';");
    read.startUs = 22'000;
    read.endUs = 24'000;
    read.request = 0;
    ev << read;
    Event claim = makeEvent(26'000, EventType::CacheOp, A1, Cache, QStringLiteral("SET K1 NX"),
                            QStringLiteral("Server A1: cache claim #1 of K1; it is new"));
    claim.detail = QStringLiteral("SET K1 CREATED NX PX 86400000");
    claim.startUs = 24'000;
    claim.endUs = 29'000;
    claim.request = 0;
    ev << claim;
    ev << message(330'000, 331'000, A1, Router, 0, 201, QStringLiteral("201 K1"),
                  QStringLiteral("Server A1 answers 201 Created"));
    Event lost = message(331'000, 351'000, Router, C1, 0, 201, QStringLiteral("201 K1"),
                         QStringLiteral("Router → Client 1: the 201 for K1 is lost"));
    lost.lost = true;
    ev << lost;
    Event timeout = makeEvent(1'000'000, EventType::Timeout, C1, -1, QString(),
                              QStringLiteral("Client 1 gives up on R1 after 1 s"));
    timeout.request = 0;
    ev << timeout;
    ev << makeEvent(1'000'000, EventType::LockWait, A1, -1, QString(),
                    QStringLiteral("Server A1 waits for the lock on K1"));
    Event replicate =
        makeEvent(60'030'000, EventType::Replicate, DbA, DbB, QStringLiteral("K1 CONSUMED"),
                  QStringLiteral("DB A copies K1 and ledger row A-1 to DB B"));
    replicate.startUs = 30'000;
    replicate.endUs = 60'030'000;
    ev << replicate;
    Event anomaly = makeEvent(60'030'000, EventType::Anomaly, DbA, DbB, QStringLiteral("K1 x2"),
                              QStringLiteral("DUPLICATE_EFFECT: key K1 charged twice,\n"
                                             "ledger rows \"A-1\" and \"B-1\""));
    anomaly.status = 0;
    ev << anomaly;
    ev << makeEvent(60'030'000, EventType::Receive, Router, C1, QStringLiteral("201 K1"),
                    QString());
    for (int i = 0; i < ev.size(); ++i)
        ev[i].seq = i;
    run.endUs = 60'030'000;

    Attempt first;
    first.request = QStringLiteral("R1");
    first.attempt = 1;
    first.client = 0;
    first.clientNode = C1;
    first.key = QStringLiteral("K1");
    first.rawKey = QStringLiteral("3f2b7c1e-0000-4000-8000-000000000001");
    first.cluster = 0;
    first.serverNode = A1;
    first.outcome = AttemptOutcome::TimedOut;
    first.sentUs = 0;
    Attempt second = first;
    second.attempt = 2;
    second.cluster = 1;
    second.serverNode = B1;
    second.status = 201;
    second.outcome = AttemptOutcome::Answered;
    second.sentUs = 21'000;
    second.receivedUs = 1'200'000;
    run.attempts = {first, second};

    KeyRow key;
    key.key = QStringLiteral("K1");
    key.rawKey = first.rawKey;
    key.status = QStringLiteral("CONSUMED");
    key.fingerprint = QStringLiteral("ab12");
    key.responseCode = 201;
    key.responseBody = QStringLiteral("{\"id\":\"A-1\"}");
    key.createdUs = 23'000;
    key.updatedUs = 329'000;
    run.keys[0] = {key};
    LedgerRow row;
    row.id = QStringLiteral("A-1");
    row.key = QStringLiteral("K1");
    row.fromAcct = QStringLiteral("A");
    row.toAcct = QStringLiteral("B");
    row.amount = 10;
    row.atUs = 328'000;
    run.ledger[0] = {row};
    LedgerRow copy = row;
    copy.id = QStringLiteral("B-1");
    copy.origin = 1;
    run.ledger[1] = {copy};

    run.verdict.statusCounts = {{201, 1}};
    run.verdict.timeouts = 1;
    run.verdict.sideEffects = {{QStringLiteral("K1"), 2}};
    run.verdict.anomalies = {
        {QStringLiteral("DUPLICATE_EFFECT"), QStringLiteral("K1"), 2, {"A-1", "B-1"}}};
    return run;
}

RunResult simulate(const QString &preset, bool guarded)
{
    return runPreset(preset, guarded, guarded);
}

// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
std::optional<QVector<QStringList>> parseCsv(const QString &text)
{
    QVector<QStringList> rows;
    QStringList row;
    QString field;
    int i = 0;
    const int n = text.size();
    while (i < n) {
        if (text[i] == QLatin1Char('"') && field.isEmpty()) {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt; // unterminated quote
                if (text[i] == QLatin1Char('"')) {
                    if (i + 1 < n && text[i + 1] == QLatin1Char('"')) {
                        field += QLatin1Char('"');
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            if (i < n && text[i] != QLatin1Char(',') && text[i] != QLatin1Char('\r'))
                return std::nullopt; // text after a closing quote
        } else if (text[i] == QLatin1Char(',')) {
            row << field;
            field.clear();
            ++i;
        } else if (text[i] == QLatin1Char('\r')) {
            if (i + 1 >= n || text[i + 1] != QLatin1Char('\n'))
                return std::nullopt; // a bare CR outside quotes
            row << field;
            rows << row;
            row.clear();
            field.clear();
            i += 2;
        } else if (text[i] == QLatin1Char('\n') || text[i] == QLatin1Char('"')) {
            return std::nullopt; // a bare LF or a quote inside an unquoted field
        } else {
            field += text[i++];
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        return std::nullopt; // the last record lacks its CRLF
    return rows;
}

QStringList expectedCsvRow(const RunResult &run, const Event &e)
{
    auto optional = [](qint64 v, qint64 absent) {
        return v == absent ? QString() : QString::number(v);
    };
    auto name = [&](int i) { return i < 0 ? QString() : run.nodes[i].name; };
    return {
        QString::number(e.seq),
        QString::number(e.t),
        QString::number(double(e.t) / 1000.0, 'f', 3),
        eventTypeName(e.type),
        name(e.from),
        name(e.to),
        optional(e.request, -1),
        e.key,
        optional(e.status, 0),
        optional(e.startUs, -1),
        optional(e.endUs, -1),
        e.lost ? QStringLiteral("true") : QStringLiteral("false"),
        e.label,
        e.detail,
        e.state,
        e.caption,
    };
}

namespace {

std::optional<QString> firstUnmatched(const QString &text,
                                      const QVector<QRegularExpression> &whitelist)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.last() != QString())
        return QStringLiteral("(no newline at the end)");
    for (const QString &line : lines.mid(0, lines.size() - 1)) {
        const bool ok =
            std::any_of(whitelist.cbegin(), whitelist.cend(),
                        [&](const QRegularExpression &re) { return re.match(line).hasMatch(); });
        if (!ok)
            return line;
    }
    return std::nullopt;
}

} // namespace

std::optional<QString> undocumentedMermaidLine(const QString &mmd)
{
    // The statements of https://mermaid.js.org/syntax/sequenceDiagram.html this exporter uses.
    // Entity codes such as #59; are allowed in text; a raw '#' or ';' is not.
    const QString id = QStringLiteral("[A-Za-z][A-Za-z0-9_]*");
    const QString text = QStringLiteral("[^;#\\r\\n]+");
    static const QVector<QRegularExpression> whitelist = {
        QRegularExpression(QStringLiteral("^sequenceDiagram$")),
        QRegularExpression(QStringLiteral("^    autonumber$")),
        QRegularExpression(QStringLiteral("^    %% [^{].*$")),
        QRegularExpression(QStringLiteral("^    (participant|actor) %1 as %2$").arg(id, text)),
        QRegularExpression(
            QStringLiteral("^(    |        )%1(->>|-->>|-x|--x)%1: %2$").arg(id, text)),
        QRegularExpression(QStringLiteral("^(    |        )Note over %1(,%1)?: %2$").arg(id, text)),
        QRegularExpression(QStringLiteral("^    (par|and) %1$").arg(text)),
        QRegularExpression(QStringLiteral("^    end$")),
    };
    // Comments are checked whole; elsewhere entity codes are taken out first.
    const QStringList lines = mmd.split(QLatin1Char('\n'));
    int depth = 0;
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("    par ")))
            ++depth;
        if (line == QLatin1String("    end"))
            --depth;
        if (depth < 0 || depth > 1)
            return line + QStringLiteral(" (par blocks unbalanced or nested)");
    }
    if (depth != 0)
        return QStringLiteral("(a par block is not closed)");
    QString withoutEntities;
    for (const QString &line : lines)
        withoutEntities +=
            (line.trimmed().startsWith(QLatin1String("%%"))
                 ? line
                 : QString(line).remove(QRegularExpression(QStringLiteral("#[0-9]+;")))) +
            QLatin1Char('\n');
    withoutEntities.chop(1);
    return firstUnmatched(withoutEntities, whitelist);
}

std::optional<QString> unexpectedPlantUmlLine(const QString &puml)
{
    const QString id = QStringLiteral("[A-Za-z][A-Za-z0-9_]*");
    const QString text = QStringLiteral("[^\\r\\n]+");
    const QString colour = QStringLiteral("#[0-9A-Fa-f]{6}");
    static const QVector<QRegularExpression> whitelist = {
        QRegularExpression(QStringLiteral("^@startuml$")),
        QRegularExpression(QStringLiteral("^@enduml$")),
        QRegularExpression(QStringLiteral("^' .*$")),
        QRegularExpression(QStringLiteral("^title %1$").arg(text)),
        QRegularExpression(QStringLiteral("^autonumber$")),
        QRegularExpression(QStringLiteral("^hide footbox$")),
        QRegularExpression(QStringLiteral("^skinparam sequenceMessageAlign center$")),
        QRegularExpression(
            QStringLiteral("^(actor|participant|database|collections) \"[^\"]+\" as %1$").arg(id)),
        QRegularExpression(
            QStringLiteral("^(    )?%1 -\\[%2\\](>|->)x? %1 : %3$").arg(id, colour, text)),
        QRegularExpression(
            QStringLiteral("^(    )?note over %1(, %1)?( %2)? : %3$").arg(id, colour, text)),
        QRegularExpression(QStringLiteral("^(par|else) %1$").arg(text)),
        QRegularExpression(QStringLiteral("^end$")),
    };
    return firstUnmatched(puml, whitelist);
}

std::optional<QString> xmlError(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    if (!reader.hasError())
        return std::nullopt;
    return QStringLiteral("line %1, column %2: %3")
        .arg(reader.lineNumber())
        .arg(reader.columnNumber())
        .arg(reader.errorString());
}
