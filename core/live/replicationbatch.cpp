#include "live/replicationbatch.h"

#include "json/jsondocument.h"
#include "json/jsonfields.h"
#include "json/jsonwording.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace idem {

namespace {

using L1 = QLatin1String;

// Bounds of the stored values (the handler refuses keys over 255 characters).
constexpr qsizetype maxKey = 255;
constexpr qsizetype maxName = 512; ///< scope, holder, client, fingerprint, ledger id
constexpr qsizetype maxResponse = 64 * 1024;
constexpr qint64 maxTime = JsonFields::maxExactInteger;

const QStringList clusters{QStringLiteral("A"), QStringLiteral("B")};
const QStringList kinds{QStringLiteral("key"), QStringLiteral("ledger")};
const QStringList statuses{QStringLiteral("CREATED"), QStringLiteral("CONSUMED")};

const QStringList keyFields{"kind",        "writtenUs",    "key",          "scope",     "status",
                            "fingerprint", "responseCode", "responseBody", "createdUs", "updatedUs",
                            "origin",      "generation",   "claimedUs",    "holder",    "client"};
const QStringList ledgerFields{"kind",   "writtenUs", "id", "key",    "scope",
                               "origin", "from",      "to", "amount", "atUs"};

QJsonObject keyJson(const ReplicationBatch::Row &r)
{
    const KeyRow &k = r.key;
    return QJsonObject{
        {L1("kind"), L1("key")},
        {L1("writtenUs"), r.writtenUs},
        {L1("key"), k.rawKey},
        {L1("scope"), k.scope},
        {L1("status"), k.status},
        {L1("fingerprint"), k.fingerprint},
        {L1("responseCode"), k.responseCode ? QJsonValue(k.responseCode) : QJsonValue()},
        {L1("responseBody"), k.responseCode ? QJsonValue(k.responseBody) : QJsonValue()},
        {L1("createdUs"), k.createdUs},
        {L1("updatedUs"), k.updatedUs},
        {L1("origin"), clusters[k.origin == 1 ? 1 : 0]},
        {L1("generation"), k.generation},
        {L1("claimedUs"), k.claimedUs},
        {L1("holder"), k.holder},
        {L1("client"), k.client},
    };
}

QJsonObject ledgerJson(const ReplicationBatch::Row &r)
{
    const LedgerRow &l = r.ledger;
    return QJsonObject{
        {L1("kind"), L1("ledger")}, {L1("writtenUs"), r.writtenUs},
        {L1("id"), l.id},           {L1("key"), l.key},
        {L1("scope"), l.scope},     {L1("origin"), clusters[l.origin == 1 ? 1 : 0]},
        {L1("from"), l.fromAcct},   {L1("to"), l.toAcct},
        {L1("amount"), l.amount},   {L1("atUs"), l.atUs},
    };
}

// Every listed field must be there; `expected` says what each holds.
bool allThere(JsonFields &f, const QJsonObject &o, const QString &path, const QStringList &fields)
{
    for (const QString &field : fields)
        if (!f.required(o, path, field, QStringLiteral("see the idemlab.replication/1 schema")))
            return false;
    return true;
}

std::optional<ReplicationBatch::Row> readRow(JsonFields &f, const QJsonValue &v,
                                             const QString &path)
{
    const auto o = f.objectLike(v, path, QStringLiteral(R"({"kind": "ledger", "id": "A-1", …})"));
    if (!o ||
        !f.required(*o, path, QStringLiteral("kind"), QStringLiteral("\"key\" or \"ledger\"")))
        return std::nullopt;
    const auto kind =
        f.oneOf(o->value(L1("kind")), JsonWording::at(path, QStringLiteral("kind")), kinds);
    if (!kind)
        return std::nullopt;
    ReplicationBatch::Row row;
    row.keyRow = *kind == 0;
    const QStringList &fields = row.keyRow ? keyFields : ledgerFields;
    if (!f.onlyFields(*o, path, fields) || !allThere(f, *o, path, fields))
        return std::nullopt;
    row.writtenUs = f.integer(*o, path, QStringLiteral("writtenUs"), 0, maxTime);
    const int origin = f.choice(*o, path, QStringLiteral("origin"), clusters, false);
    if (row.keyRow) {
        KeyRow &k = row.key;
        k.rawKey = f.string(*o, path, QStringLiteral("key"), maxKey);
        k.scope = f.string(*o, path, QStringLiteral("scope"), maxName);
        const int status = f.choice(*o, path, QStringLiteral("status"), statuses, false);
        k.status = status >= 0 ? statuses[status] : QString();
        k.fingerprint = f.string(*o, path, QStringLiteral("fingerprint"), maxName);
        k.responseCode =
            int(f.nullableInteger(*o, path, QStringLiteral("responseCode"), 100, 599, 0));
        k.responseBody = f.rawString(*o, path, QStringLiteral("responseBody"), maxResponse, true);
        k.createdUs = f.integer(*o, path, QStringLiteral("createdUs"), 0, maxTime);
        k.updatedUs = f.integer(*o, path, QStringLiteral("updatedUs"), 0, maxTime);
        k.origin = origin;
        k.generation = int(f.integer(*o, path, QStringLiteral("generation"), 1, 1'000'000'000));
        k.claimedUs = f.integer(*o, path, QStringLiteral("claimedUs"), 0, maxTime);
        k.holder = f.string(*o, path, QStringLiteral("holder"), maxName);
        k.client = f.string(*o, path, QStringLiteral("client"), maxName);
        if (!f.failed() && k.rawKey.isEmpty())
            f.fail(JsonWording::at(path, QStringLiteral("key")),
                   QStringLiteral("must be a stored key, not empty"));
        if (!f.failed() && (k.responseCode == 0) != o->value(L1("responseBody")).isNull())
            f.fail(JsonWording::at(path, QStringLiteral("responseBody")),
                   QStringLiteral("must be null exactly when responseCode is null"));
    } else {
        LedgerRow &l = row.ledger;
        l.id = f.string(*o, path, QStringLiteral("id"), maxName);
        l.key = f.string(*o, path, QStringLiteral("key"), maxKey);
        l.scope = f.string(*o, path, QStringLiteral("scope"), maxName);
        l.origin = origin;
        l.fromAcct = f.string(*o, path, QStringLiteral("from"), maxName);
        l.toAcct = f.string(*o, path, QStringLiteral("to"), maxName);
        l.amount = f.integer(*o, path, QStringLiteral("amount"), 1, maxTime);
        l.atUs = f.integer(*o, path, QStringLiteral("atUs"), 0, maxTime);
        // The ledger's ids are "<origin>-<n>": unique across both DBs only if that holds.
        const QString prefix = clusters[origin < 0 ? 0 : origin] + QLatin1Char('-');
        bool numbered = false;
        if (!f.failed() && l.id.startsWith(prefix))
            numbered = l.id.mid(prefix.size()).toLongLong() > 0;
        if (!f.failed() && !numbered)
            f.fail(JsonWording::at(path, QStringLiteral("id")),
                   QStringLiteral("must be the origin and a number like \"%1\", got %2")
                       .arg(prefix + QLatin1Char('1'), JsonWording::typed(l.id)));
        if (!f.failed() && l.key.isEmpty())
            f.fail(JsonWording::at(path, QStringLiteral("key")),
                   QStringLiteral("must be a stored key, not empty"));
    }
    if (f.failed())
        return std::nullopt;
    return row;
}

} // namespace

const QString ReplicationBatch::schema = QStringLiteral("idemlab.replication/1");

QByteArray ReplicationBatch::toJson() const
{
    QJsonArray list;
    for (const Row &r : rows)
        list.append(r.keyRow ? keyJson(r) : ledgerJson(r));
    const QJsonObject o{
        {L1("schema"), schema}, {L1("from"), clusters[from == 1 ? 1 : 0]}, {L1("rows"), list}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

ReplicationBatchLoad ReplicationBatchReader::fromJson(const QByteArray &json)
{
    const JsonSource source{QStringLiteral("replication"), QStringLiteral("replication batch"),
                            ReplicationBatch::maxBytes};
    const JsonObjectLoad root = JsonDocumentReader::parseObject(json, source);
    if (!root.object)
        return {std::nullopt, root.error};
    const QString &path = source.name;
    const QJsonObject &o = *root.object;
    JsonFields f;
    if (!f.onlyFields(o, path, {"schema", "from", "rows"}))
        return {std::nullopt, f.error()};
    const auto schema =
        f.required(o, path, QStringLiteral("schema"), JsonWording::typed(ReplicationBatch::schema));
    if (schema && *schema != QJsonValue(ReplicationBatch::schema))
        f.fail(JsonWording::at(path, QStringLiteral("schema")),
               QStringLiteral("must be %1, got %2")
                   .arg(JsonWording::typed(ReplicationBatch::schema),
                        JsonWording::typed(schema->toVariant().toString())));
    if (f.failed())
        return {std::nullopt, f.error()};
    ReplicationBatch batch;
    if (!f.required(o, path, QStringLiteral("from"), QStringLiteral("\"A\" or \"B\"")))
        return {std::nullopt, f.error()};
    batch.from = f.choice(o, path, QStringLiteral("from"), clusters, false);
    if (!f.required(o, path, QStringLiteral("rows"), QStringLiteral("an array of rows")))
        return {std::nullopt, f.error()};
    const QJsonArray rows = f.array(o, path, QStringLiteral("rows"), ReplicationBatch::maxRows);
    if (f.failed())
        return {std::nullopt, f.error()};
    const QString rowsPath = JsonWording::at(path, QStringLiteral("rows"));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        auto row = readRow(f, rows[i], JsonWording::at(rowsPath, int(i)));
        if (!row)
            return {std::nullopt, f.error()};
        batch.rows.append(std::move(*row));
    }
    return {std::move(batch), {}};
}

} // namespace idem
