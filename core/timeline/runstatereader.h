#pragma once

#include "model/runresult.h"
#include "json/jsonfields.h"

namespace idem {

/// Reads the end state of a timeline: the "databases" (each cluster's key and ledger rows)
/// and the "verdict", into a RunResult, reporting problems through the shared JsonFields.
/// Part of TimelineReader; "ok" and "summary" are derived from the rest and not read.
class RunStateReader
{
public:
    RunStateReader(JsonFields &fields, RunResult &run) : m_f(fields), m_run(run) {}

    /// Reads root.databases and root.verdict; false on the first problem.
    bool read(const QJsonObject &root);
    /// One cluster's {"idempotencyKeys", "ledger"} into the run's rows of `cluster` (also
    /// read alone by the live event stream).
    bool database(const QJsonObject &o, const QString &path, int cluster);

private:
    bool keyRow(const QJsonValue &value, const QString &path, int cluster);
    bool ledgerRow(const QJsonValue &value, const QString &path, int cluster);
    bool verdict(const QJsonObject &o, const QString &path);
    bool counts(const QJsonObject &o, const QString &path);
    bool anomaly(const QJsonValue &value, const QString &path);

    JsonFields &m_f;
    RunResult &m_run;
};

} // namespace idem
