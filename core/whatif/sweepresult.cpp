#include "whatif/sweepresult.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace idem {

namespace {

constexpr double z95 = 1.959963984540054; // the normal quantile of 97.5 %

QString schema()
{
    return QStringLiteral("idemlab.sweep/1");
}

QJsonValue valueJson(const VaryAxis &axis, const QString &value)
{
    return axis.numeric() ? QJsonValue(value.toDouble()) : QJsonValue(value);
}

QString valueFromJson(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (std::trunc(d) == d && std::abs(d) < 9e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 15);
    }
    return v.toString();
}

QJsonValue msJson(std::optional<qint64> us)
{
    return us ? QJsonValue(double(*us) / 1000.0) : QJsonValue(QJsonValue::Null);
}

QString percentText(double share)
{
    return QString::number(share * 100.0, 'f', share == 0 || share == 1 ? 0 : 1) +
           QStringLiteral(" %");
}

QString csvNumber(double v)
{
    QString text = QString::number(v, 'f', 6);
    while (text.contains(QLatin1Char('.')) && text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')))
        return text;
    return QLatin1Char('"') + QString(text).replace(QLatin1String("\""), QLatin1String("\"\"")) +
           QLatin1Char('"');
}

// Every status any point answered with, numbers in order then the words ("timeout").
QStringList statusesOf(const QVector<TrialCounts> &points)
{
    QSet<QString> seen;
    for (const TrialCounts &p : points)
        for (auto it = p.statusCounts.cbegin(); it != p.statusCounts.cend(); ++it)
            seen.insert(it.key());
    QStringList statuses(seen.cbegin(), seen.cend());
    std::sort(statuses.begin(), statuses.end(), [](const QString &a, const QString &b) {
        const int x = a.toInt(), y = b.toInt();
        return x && y ? x < y : x ? true : y ? false : a < b;
    });
    return statuses;
}

// The anomaly kinds to report: the usual ones, then any other a trial had.
QStringList kindsOf(const QVector<TrialCounts> &points)
{
    QStringList kinds = SweepResult::anomalyKinds();
    for (const TrialCounts &p : points)
        for (auto it = p.anomalyTrials.cbegin(); it != p.anomalyTrials.cend(); ++it)
            if (!kinds.contains(it.key()))
                kinds << it.key();
    return kinds;
}

std::optional<TrialCounts> countsFromJson(const QJsonObject &o, QString *error)
{
    TrialCounts c;
    if (!o.value(QStringLiteral("trials")).isDouble()) {
        *error = QStringLiteral("a point has no \"trials\" count");
        return std::nullopt;
    }
    c.trials = o.value(QStringLiteral("trials")).toInt();
    const QJsonObject anomalies = o.value(QStringLiteral("anomalies")).toObject();
    for (auto it = anomalies.constBegin(); it != anomalies.constEnd(); ++it)
        if (const int n = it.value().toObject().value(QStringLiteral("trials")).toInt())
            c.anomalyTrials.insert(it.key(), n);
    const QJsonObject statuses = o.value(QStringLiteral("statusCounts")).toObject();
    for (auto it = statuses.constBegin(); it != statuses.constEnd(); ++it)
        c.statusCounts.insert(it.key(), it.value().toInt());
    for (const QJsonValue &pair : o.value(QStringLiteral("latencyHistogramUs")).toArray()) {
        const QJsonArray a = pair.toArray();
        if (a.size() != 2 || !a[0].isDouble() || !a[1].isDouble()) {
            *error = QStringLiteral("latencyHistogramUs holds [µs, count] pairs");
            return std::nullopt;
        }
        c.latencyUs.insert(qint64(a[0].toDouble()), a[1].toInt());
    }
    return c;
}

} // namespace

WilsonInterval WilsonInterval::of(qint64 k, qint64 n)
{
    if (n <= 0)
        return {0, 1}; // nothing seen: anything is possible
    const double p = double(k) / double(n);
    const double z2 = z95 * z95;
    const double denominator = 1 + z2 / double(n);
    const double centre = (p + z2 / (2 * double(n))) / denominator;
    const double half =
        z95 / denominator * std::sqrt(p * (1 - p) / double(n) + z2 / (4 * double(n) * double(n)));
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

void TrialCounts::add(const TrialCounts &o)
{
    trials += o.trials;
    for (auto it = o.anomalyTrials.cbegin(); it != o.anomalyTrials.cend(); ++it)
        anomalyTrials[it.key()] += it.value();
    for (auto it = o.statusCounts.cbegin(); it != o.statusCounts.cend(); ++it)
        statusCounts[it.key()] += it.value();
    for (auto it = o.latencyUs.cbegin(); it != o.latencyUs.cend(); ++it)
        latencyUs[it.key()] += it.value();
}

bool TrialCounts::operator==(const TrialCounts &o) const
{
    return trials == o.trials && anomalyTrials == o.anomalyTrials &&
           statusCounts == o.statusCounts && latencyUs == o.latencyUs;
}

QStringList SweepResult::anomalyKinds()
{
    return {QStringLiteral("any"), QStringLiteral("DUPLICATE_EFFECT"), QStringLiteral("STUCK_KEY"),
            QStringLiteral("KEY_COLLISION")};
}

int SweepResult::pointCount() const
{
    int n = 1;
    for (const VaryAxis &a : axes)
        n *= int(a.values.size());
    return n;
}

QStringList SweepResult::pointValues(int index) const
{
    QStringList values;
    int rest = index;
    for (int i = int(axes.size()) - 1; i >= 0; --i) {
        const int n = int(axes[i].values.size());
        values.prepend(axes[i].values[rest % n]);
        rest /= n;
    }
    return values;
}

std::optional<qint64> SweepResult::percentile(const QMap<qint64, int> &histogram, double q)
{
    qint64 total = 0;
    for (const int c : histogram)
        total += c;
    if (total == 0)
        return std::nullopt;
    const qint64 rank = std::max<qint64>(1, qint64(std::ceil(q * double(total) - 1e-9)));
    qint64 seen = 0;
    for (auto it = histogram.cbegin(); it != histogram.cend(); ++it) {
        seen += it.value();
        if (seen >= rank)
            return it.key();
    }
    return histogram.lastKey();
}

QJsonObject SweepResult::toJson() const
{
    QJsonArray vary;
    for (const VaryAxis &a : axes) {
        QJsonArray values;
        for (const QString &v : a.values)
            values.append(valueJson(a, v));
        vary.append(QJsonObject{{QStringLiteral("name"), a.flag},
                                {QStringLiteral("setting"), a.json},
                                {QStringLiteral("unit"), a.unit},
                                {QStringLiteral("values"), values}});
    }
    const QStringList kinds = kindsOf(points);
    QJsonArray pointArray;
    for (int i = 0; i < points.size(); ++i) {
        const TrialCounts &c = points[i];
        const QStringList values = pointValues(i);
        QJsonObject at;
        for (int a = 0; a < axes.size(); ++a)
            at.insert(axes[a].flag, valueJson(axes[a], values[a]));
        QJsonObject anomalies;
        for (const QString &kind : kinds) {
            const int k = c.anomalyTrials.value(kind);
            const WilsonInterval w = WilsonInterval::of(k, c.trials);
            anomalies.insert(
                kind, QJsonObject{{QStringLiteral("trials"), k},
                                  {QStringLiteral("share"), c.trials ? double(k) / c.trials : 0.0},
                                  {QStringLiteral("low"), w.low},
                                  {QStringLiteral("high"), w.high}});
        }
        QJsonObject statuses;
        for (auto it = c.statusCounts.cbegin(); it != c.statusCounts.cend(); ++it)
            statuses.insert(it.key(), it.value());
        QJsonArray histogram;
        for (auto it = c.latencyUs.cbegin(); it != c.latencyUs.cend(); ++it)
            histogram.append(QJsonArray{double(it.key()), it.value()});
        pointArray.append(QJsonObject{
            {QStringLiteral("at"), at},
            {QStringLiteral("trials"), c.trials},
            {QStringLiteral("anomalies"), anomalies},
            {QStringLiteral("statusCounts"), statuses},
            {QStringLiteral("latencyMs"),
             QJsonObject{{QStringLiteral("median"), msJson(percentile(c.latencyUs, 0.5))},
                         {QStringLiteral("p99"), msJson(percentile(c.latencyUs, 0.99))}}},
            {QStringLiteral("latencyHistogramUs"), histogram},
        });
    }
    QJsonObject o{
        {QStringLiteral("schema"), schema()},   {QStringLiteral("scenario"), scenario},
        {QStringLiteral("settings"), settings}, {QStringLiteral("vary"), vary},
        {QStringLiteral("trials"), trials},     {QStringLiteral("seedFrom"), double(seedFrom)},
        {QStringLiteral("points"), pointArray},
    };
    if (shardCount > 0)
        o.insert(QStringLiteral("shard"), QJsonObject{{QStringLiteral("index"), shardIndex},
                                                      {QStringLiteral("count"), shardCount}});
    return o;
}

std::optional<SweepResult> SweepResult::fromJson(const QJsonObject &o, QString *error)
{
    if (o.value(QStringLiteral("schema")).toString() != schema()) {
        *error = QStringLiteral("not a sweep result (expected \"schema\": \"%1\", as 'sweep "
                                "--json' writes)")
                     .arg(schema());
        return std::nullopt;
    }
    SweepResult r;
    r.scenario = o.value(QStringLiteral("scenario")).toString();
    r.settings = o.value(QStringLiteral("settings")).toObject();
    r.trials = o.value(QStringLiteral("trials")).toInt();
    r.seedFrom = quint64(o.value(QStringLiteral("seedFrom")).toDouble());
    const QJsonObject shard = o.value(QStringLiteral("shard")).toObject();
    r.shardIndex = shard.value(QStringLiteral("index")).toInt();
    r.shardCount = shard.value(QStringLiteral("count")).toInt();
    QStringList texts;
    for (const QJsonValue &v : o.value(QStringLiteral("vary")).toArray()) {
        const QJsonObject a = v.toObject();
        QStringList values;
        for (const QJsonValue &value : a.value(QStringLiteral("values")).toArray())
            values << valueFromJson(value);
        texts << a.value(QStringLiteral("name")).toString() + QLatin1Char('=') +
                     values.join(QLatin1Char(','));
    }
    const auto axes = VaryAxis::parseAll(texts, error);
    if (!axes)
        return std::nullopt;
    r.axes = *axes;
    const QJsonArray points = o.value(QStringLiteral("points")).toArray();
    if (points.size() != r.pointCount()) {
        *error =
            QStringLiteral("%1 points for a grid of %2").arg(points.size()).arg(r.pointCount());
        return std::nullopt;
    }
    for (const QJsonValue &p : points) {
        auto counts = countsFromJson(p.toObject(), error);
        if (!counts)
            return std::nullopt;
        r.points.append(*counts);
    }
    return r;
}

std::optional<SweepResult> SweepResult::merge(const QVector<SweepResult> &parts, QString *error)
{
    if (parts.isEmpty()) {
        *error = QStringLiteral("sweep --merge needs the parts' JSON files");
        return std::nullopt;
    }
    const SweepResult &first = parts.first();
    if (first.shardCount <= 0) {
        *error = QStringLiteral("part 1 is a whole sweep, not a shard (expected the output of "
                                "'sweep --shard K/N --json')");
        return std::nullopt;
    }
    QVector<int> seen(first.shardCount + 1, 0);
    SweepResult whole = first;
    whole.shardIndex = 0;
    whole.shardCount = 0;
    for (TrialCounts &c : whole.points)
        c = TrialCounts{};
    for (int i = 0; i < parts.size(); ++i) {
        const SweepResult &p = parts[i];
        const bool same = p.scenario == first.scenario && p.settings == first.settings &&
                          p.trials == first.trials && p.seedFrom == first.seedFrom &&
                          p.shardCount == first.shardCount && p.axes.size() == first.axes.size() &&
                          std::equal(p.axes.cbegin(), p.axes.cend(), first.axes.cbegin(),
                                     [](const VaryAxis &a, const VaryAxis &b) {
                                         return a.json == b.json && a.values == b.values;
                                     });
        if (!same) {
            *error = QStringLiteral("part %1 is of another sweep (scenario, settings, --vary, "
                                    "--trials, --seed-from and N of --shard K/N must match)")
                         .arg(i + 1);
            return std::nullopt;
        }
        if (p.shardIndex < 1 || p.shardIndex > first.shardCount || seen[p.shardIndex]++) {
            *error = QStringLiteral("part %1 is shard %2/%3, %4")
                         .arg(i + 1)
                         .arg(p.shardIndex)
                         .arg(p.shardCount)
                         .arg(p.shardIndex < 1 || p.shardIndex > first.shardCount
                                  ? QStringLiteral("out of range")
                                  : QStringLiteral("given twice"));
            return std::nullopt;
        }
        for (int k = 0; k < whole.points.size(); ++k)
            whole.points[k].add(p.points[k]);
    }
    QStringList missing;
    for (int k = 1; k <= first.shardCount; ++k)
        if (!seen[k])
            missing << QStringLiteral("%1/%2").arg(k).arg(first.shardCount);
    if (!missing.isEmpty()) {
        *error = QStringLiteral("shards missing: %1 (expected every K of --shard K/%2 once)")
                     .arg(missing.join(QStringLiteral(", ")))
                     .arg(first.shardCount);
        return std::nullopt;
    }
    return whole;
}

QByteArray SweepResult::toCsv() const
{
    const QStringList kinds = kindsOf(points);
    const QStringList statuses = statusesOf(points);
    QStringList header;
    for (const VaryAxis &a : axes)
        header << a.flag;
    header << QStringLiteral("trials");
    for (const QString &k : kinds)
        header << k << k + QStringLiteral("_low") << k + QStringLiteral("_high");
    for (const QString &s : statuses)
        header << QStringLiteral("status_") + s;
    header << QStringLiteral("latency_median_ms") << QStringLiteral("latency_p99_ms");
    QString out = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int i = 0; i < points.size(); ++i) {
        const TrialCounts &c = points[i];
        QStringList row;
        for (const QString &v : pointValues(i))
            row << csvField(v);
        row << QString::number(c.trials);
        for (const QString &k : kinds) {
            const int n = c.anomalyTrials.value(k);
            const WilsonInterval w = WilsonInterval::of(n, c.trials);
            row << csvNumber(c.trials ? double(n) / c.trials : 0) << csvNumber(w.low)
                << csvNumber(w.high);
        }
        for (const QString &s : statuses)
            row << QString::number(c.statusCounts.value(s));
        for (const double q : {0.5, 0.99}) {
            const auto us = percentile(c.latencyUs, q);
            row << (us ? csvNumber(double(*us) / 1000.0) : QString());
        }
        out += row.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return out.toUtf8();
}

QString SweepResult::render() const
{
    QString out = QStringLiteral("sweep %1: %2 point%3 × %4 trials (seeds %5 to %6)")
                      .arg(scenario)
                      .arg(pointCount())
                      .arg(pointCount() == 1 ? "" : "s")
                      .arg(trials)
                      .arg(seedFrom)
                      .arg(seedFrom + quint64(std::max(trials, 1)) - 1);
    if (shardCount > 0)
        out += QStringLiteral(", shard %1/%2").arg(shardIndex).arg(shardCount);
    out += QLatin1Char('\n');
    const QStringList kinds = kindsOf(points);
    QStringList head;
    for (const VaryAxis &a : axes)
        head << QStringLiteral("%1").arg(a.flag, -12);
    head << QStringLiteral("%1").arg(QStringLiteral("trials"), 7)
         << QStringLiteral("  %1").arg(QStringLiteral("anomaly [95 % interval]"), -26)
         << QStringLiteral("%1").arg(QStringLiteral("latency median / p99"), -22)
         << QStringLiteral("answers");
    out += head.join(QString()) + QLatin1Char('\n');
    for (int i = 0; i < points.size(); ++i) {
        const TrialCounts &c = points[i];
        QString line;
        for (const QString &v : pointValues(i))
            line += QStringLiteral("%1").arg(v, -12);
        const int k = c.anomalyTrials.value(QStringLiteral("any"));
        const WilsonInterval w = WilsonInterval::of(k, c.trials);
        const double share = c.trials ? double(k) / c.trials : 0;
        line += QStringLiteral("%1").arg(c.trials, 7);
        line += QStringLiteral("  %1").arg(
            QStringLiteral("%1 [%2, %3]")
                .arg(percentText(share), percentText(w.low), percentText(w.high)),
            -26);
        const auto median = percentile(c.latencyUs, 0.5);
        const auto p99 = percentile(c.latencyUs, 0.99);
        line += QStringLiteral("%1").arg(median ? QStringLiteral("%1 / %2 ms")
                                                      .arg(double(*median) / 1000.0, 0, 'f', 1)
                                                      .arg(double(*p99) / 1000.0, 0, 'f', 1)
                                                : QStringLiteral("(no answers)"),
                                         -22);
        QStringList answers;
        for (auto it = c.statusCounts.cbegin(); it != c.statusCounts.cend(); ++it)
            answers << QStringLiteral("%1×%2").arg(it.value()).arg(it.key());
        QStringList which;
        for (const QString &kind : kinds)
            if (kind != QLatin1String("any") && c.anomalyTrials.value(kind))
                which << QStringLiteral("%1 in %2").arg(kind).arg(c.anomalyTrials.value(kind));
        line += answers.join(QLatin1Char(' '));
        if (!which.isEmpty())
            line += QStringLiteral("  (") + which.join(QStringLiteral(", ")) + QLatin1Char(')');
        out += line + QLatin1Char('\n');
    }
    return out;
}

} // namespace idem
