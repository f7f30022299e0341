#pragma once

#include "whatif/varyaxis.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace idem {

/// A 95 % Wilson score interval of a share (k of n): stays inside [0, 1] and is honest at
/// 0 and n, where the normal approximation says "± 0".
struct WilsonInterval
{
    double low = 0;
    double high = 1;
    [[nodiscard]] static WilsonInterval of(qint64 k, qint64 n);
};

/// What one trial of a sweep found; the sum of many is a grid point's counts.
struct TrialCounts
{
    int trials = 0;
    QMap<QString, int> anomalyTrials; ///< anomaly type (and "any") → trials that had it
    QMap<QString, int> statusCounts;  ///< "201", "409", "timeout" → answers over the trials
    QMap<qint64, int> latencyUs;      ///< an answered attempt's latency (sent → answer) → count

    void add(const TrialCounts &other);
    [[nodiscard]] bool operator==(const TrialCounts &other) const;
};

/// The result of a sweep (or of one shard of it): per grid point the raw counts, from which
/// the shares, intervals and latency percentiles are derived on output, so that shards merge
/// into exactly the numbers of one run.
struct SweepResult
{
    QString scenario;     ///< its name
    QJsonObject settings; ///< the scenario's settings before the varied ones
    QVector<VaryAxis> axes;
    int trials = 0; ///< per grid point
    quint64 seedFrom = 1;
    int shardIndex = 0; ///< 1-based; 0 = the whole sweep
    int shardCount = 0;
    QVector<TrialCounts> points; ///< the grid, the first axis outermost

    /// The anomaly kinds every output names (more if a run has another).
    [[nodiscard]] static QStringList anomalyKinds();
    /// The values of grid point `index`, one per axis.
    [[nodiscard]] QStringList pointValues(int index) const;
    [[nodiscard]] int pointCount() const;

    /// "idemlab.sweep/1": the whole result, the derived numbers beside the raw counts.
    [[nodiscard]] QJsonObject toJson() const;
    /// Reads a sweep's JSON (a shard's, to merge); an error line naming the file's fault.
    [[nodiscard]] static std::optional<SweepResult> fromJson(const QJsonObject &o, QString *error);
    /// Joins the shards K/N (each once, all of one sweep) into the result of one run.
    [[nodiscard]] static std::optional<SweepResult> merge(const QVector<SweepResult> &parts,
                                                          QString *error);
    /// One row per grid point: the axes, trials, each anomaly's share and interval, answers
    /// by status, latency median and p99 in ms.
    [[nodiscard]] QByteArray toCsv() const;
    /// The text `sweep` prints: one line per grid point.
    [[nodiscard]] QString render() const;

    /// Nearest-rank percentile (0 < q ≤ 1) of a latency histogram, in µs; nullopt if empty.
    [[nodiscard]] static std::optional<qint64> percentile(const QMap<qint64, int> &histogram,
                                                          double q);
};

} // namespace idem
