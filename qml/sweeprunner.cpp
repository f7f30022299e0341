#include "sweeprunner.h"

#include "scenarioeditor.h"
#include "session.h"

#include "model/settingfield.h"
#include "sim/simulation.h"

#include <QLocale>

#include <cmath>

namespace idem {

namespace {

/// A range of about ten values over the setting's slider, in round numbers.
QString suggestedRange(const SettingField &f)
{
    const SettingControl &c = f.info.control;
    switch (f.info.kind) {
    case SettingKind::Toggle:
        return QStringLiteral("off,on");
    case SettingKind::Choice:
        return f.words().join(QLatin1Char(','));
    case SettingKind::Seed:
        break;
    case SettingKind::Millis:
    case SettingKind::Count:
    case SettingKind::Probability: {
        const double span = c.maximum - c.minimum;
        if (span <= 0)
            break;
        // 1, 2 or 5 times a power of ten: the step nearest a tenth of the span.
        const double raw = span / 10.0;
        const double power = std::pow(10.0, std::floor(std::log10(raw)));
        double step = power;
        for (const double m : {2.0, 5.0, 10.0})
            if (raw >= m * power * 0.75)
                step = m * power;
        if (f.info.kind != SettingKind::Probability)
            step = std::max(1.0, std::round(step));
        const auto text = [](double v) { return QString::number(v, 'g', 6); };
        return QStringLiteral("%1:%2:%3").arg(text(c.minimum), text(c.maximum), text(step));
    }
    }
    return {};
}

QString percent(double share)
{
    return QLocale::system().toString(share * 100.0, 'f', share > 0 && share < 0.1 ? 1 : 0) +
           QStringLiteral(" %");
}

} // namespace

SweepRunner::SweepRunner(Session &session, QObject *parent)
    : BackgroundRun(parent), m_session(session)
{}

SweepRunner::~SweepRunner()
{
    stop();
}

QVariantList SweepRunner::choices() const
{
    QVariantList list;
    for (const SettingField &f : settingFields()) {
        if (f.info.flag.isEmpty() || f.info.kind == SettingKind::Seed)
            continue;
        const QString values = suggestedRange(f);
        if (values.isEmpty())
            continue;
        list.append(QVariantMap{
            {QStringLiteral("flag"), f.info.flag},
            {QStringLiteral("label"), f.info.control.label},
            {QStringLiteral("unit"), f.info.control.unit},
            {QStringLiteral("numeric"),
             f.info.kind != SettingKind::Toggle && f.info.kind != SettingKind::Choice},
            {QStringLiteral("values"), values},
        });
    }
    return list;
}

QStringList SweepRunner::xValues() const
{
    return m_result && !m_result->axes.isEmpty() ? m_result->axes[0].values : QStringList();
}

QString SweepRunner::xTitle() const
{
    return m_result && !m_result->axes.isEmpty() ? m_result->axes[0].title() : QString();
}

bool SweepRunner::xNumeric() const
{
    return m_result && !m_result->axes.isEmpty() && m_result->axes[0].numeric();
}

QStringList SweepRunner::lines() const
{
    return m_result && m_result->axes.size() > 1 ? m_result->axes[1].values : QStringList();
}

QString SweepRunner::lineTitle() const
{
    return m_result && m_result->axes.size() > 1 ? m_result->axes[1].title() : QString();
}

bool SweepRunner::start(const QString &flag, const QString &values, const QString &flag2,
                        const QString &values2, int trials)
{
    if (running())
        return false;
    auto refuse = [this](const QString &why) {
        setStatus(why);
        return false;
    };
    if (m_session.recorded() || m_session.liveRecord())
        return refuse(QStringLiteral("A recorded or live run is on screen: open a preset or a "
                                     "scenario to sweep."));
    QVector<VaryAxis> axes;
    for (const auto &[name, text] : {std::pair{flag, values}, std::pair{flag2, values2}}) {
        if (name.isEmpty())
            continue;
        QString why;
        const auto axis = VaryAxis::of(name, text, &why);
        if (!axis)
            return refuse(QStringLiteral("The values of %1: %2").arg(name, why));
        axes.append(*axis);
    }
    if (axes.isEmpty())
        return refuse(QStringLiteral("Pick a setting to vary."));
    if (axes.size() == 2 && axes[0].flag == axes[1].flag)
        return refuse(QStringLiteral("Vary two different settings, or only one."));
    qint64 points = 1;
    for (const VaryAxis &a : axes)
        points *= a.values.size();
    if (points > VaryAxis::maxValues)
        return refuse(QStringLiteral("%1 grid points; at most %2: fewer values, or one setting.")
                          .arg(points)
                          .arg(VaryAxis::maxValues));
    m_spec = SweepSpec();
    m_spec.scenario = m_session.scenario();
    m_spec.axes = axes;
    m_spec.trials = std::clamp(trials, 1, 100'000);
    m_spec.seedFrom = 1;
    m_spec.cancel = cancelFlag();
    launch(QStringLiteral("Running…"), [this]() -> std::function<void()> {
        QString error;
        const auto result = Sweep::run(
            m_spec, [this](qint64 done, qint64 total) { report(done, total); }, &error);
        return [this, result, error] { done(result, error); };
    });
    return true;
}

void SweepRunner::report(qint64 done, qint64 total)
{
    // On a trial's thread: at most a hundred updates a sweep, each posted to the window.
    const QLocale locale = QLocale::system();
    post(int(done * 100 / std::max<qint64>(1, total)),
         QStringLiteral("Running: %1 of %2 trials")
             .arg(locale.toString(done), locale.toString(total)),
         double(done) / double(std::max<qint64>(1, total)));
}

void SweepRunner::done(const std::optional<SweepResult> &result, const QString &error)
{
    if (!result) {
        setStatus(cancelled() ? QStringLiteral("Cancelled: %1. Nothing is plotted.").arg(error)
                              : QStringLiteral("The sweep stopped: %1").arg(error));
        return;
    }
    m_result = result;
    m_points.clear();
    const int lineCount = std::max(1, int(lines().size()));
    qint64 failing = 0;
    qint64 trials = 0;
    for (int p = 0; p < m_result->points.size(); ++p) {
        const TrialCounts &c = m_result->points[p];
        const int k = c.anomalyTrials.value(QStringLiteral("any"));
        const WilsonInterval w = WilsonInterval::of(k, c.trials);
        const int xIndex = p / lineCount;
        const int line = p % lineCount;
        const QStringList values = m_result->pointValues(p);
        m_points.append(QVariantMap{
            {QStringLiteral("point"), p},
            {QStringLiteral("x"), xNumeric() ? values[0].toDouble() : double(xIndex)},
            {QStringLiteral("xText"), values[0]},
            {QStringLiteral("line"), line},
            {QStringLiteral("lineText"), values.value(1)},
            {QStringLiteral("rate"), c.trials ? double(k) / c.trials : 0.0},
            {QStringLiteral("low"), w.low},
            {QStringLiteral("high"), w.high},
            {QStringLiteral("failing"), k},
            {QStringLiteral("trials"), c.trials},
            {QStringLiteral("text"), pointText(p)},
        });
        failing += k;
        trials += c.trials;
    }
    const QLocale locale = QLocale::system();
    setStatus(QStringLiteral("%1 points × %2 trials: %3 of %4 trials show an anomaly. Point "
                             "at a dot for its numbers; click it to open a failing trial.")
                  .arg(locale.toString(m_result->pointCount()), locale.toString(m_spec.trials),
                       locale.toString(failing), locale.toString(trials)));
    emit resultChanged();
}

QString SweepRunner::valuesText(int point) const
{
    QStringList parts;
    const QStringList values = m_result->pointValues(point);
    for (int a = 0; a < m_result->axes.size(); ++a) {
        const VaryAxis &axis = m_result->axes[a];
        parts << QStringLiteral("%1 %2%3").arg(
            axis.label, values[a], axis.unit.isEmpty() ? QString() : QLatin1Char(' ') + axis.unit);
    }
    return parts.join(QStringLiteral(", "));
}

QString SweepRunner::pointText(int point) const
{
    const TrialCounts &c = m_result->points[point];
    const QLocale locale = QLocale::system();
    QStringList lines{valuesText(point)};
    const int k = c.anomalyTrials.value(QStringLiteral("any"));
    const WilsonInterval w = WilsonInterval::of(k, c.trials);
    lines << QStringLiteral("Anomaly in %1 of %2 trials: %3 (95 %: %4 to %5)")
                 .arg(locale.toString(k), locale.toString(c.trials),
                      percent(c.trials ? double(k) / c.trials : 0), percent(w.low),
                      percent(w.high));
    for (auto it = c.anomalyTrials.cbegin(); it != c.anomalyTrials.cend(); ++it)
        if (it.key() != QLatin1String("any"))
            lines << QStringLiteral("  %1: %2 trials")
                         .arg(QString(it.key()).replace(QLatin1Char('_'), QLatin1Char(' ')),
                              locale.toString(it.value()));
    QStringList answers;
    for (auto it = c.statusCounts.cbegin(); it != c.statusCounts.cend(); ++it)
        answers << QStringLiteral("%1 × %2").arg(locale.toString(it.value()), it.key());
    if (!answers.isEmpty())
        lines << QStringLiteral("Answers: ") + answers.join(QStringLiteral(", "));
    const auto median = SweepResult::percentile(c.latencyUs, 0.5);
    const auto p99 = SweepResult::percentile(c.latencyUs, 0.99);
    if (median && p99)
        lines << QStringLiteral("Latency: median %1 ms, p99 %2 ms")
                     .arg(locale.toString(double(*median) / 1000.0, 'f', 1),
                          locale.toString(double(*p99) / 1000.0, 'f', 1));
    return lines.join(QLatin1Char('\n'));
}

bool SweepRunner::openTrial(int point, bool failing)
{
    if (!m_result || point < 0 || point >= m_result->points.size() || running())
        return false;
    // The trials of a point are the seeds seedFrom, seedFrom + 1, …: run them again in order
    // until one is what was asked for (the engine is deterministic: the same run as in the
    // sweep).
    SimulationDatabases databases;
    if (auto error = databases.open()) {
        setStatus(QStringLiteral("Cannot run the trial: %1").arg(*error));
        return false;
    }
    SimulationOptions options;
    options.databases = &databases;
    for (int t = 0; t < m_spec.trials; ++t) {
        const quint64 seed = m_spec.seedFrom + quint64(t);
        Scenario trial = Sweep::trialScenario(m_spec, point, seed);
        const Simulation::RunOrError outcome = Simulation::run(trial, options);
        if (!outcome.result)
            continue;
        if (outcome.result->verdict.anomalies.isEmpty() == failing)
            continue;
        const QString message =
            QStringLiteral("Trial with seed %1 at %2: %3")
                .arg(QString::number(seed), valuesText(point), outcome.result->verdict.summary());
        // Unsaved edits of the scenario on screen are not lost: the window asks first.
        Session &session = m_session;
        session.editor()->unlessEditsAreLost([this, &session, trial, message] {
            session.setScenario(trial);
            emit opened(message);
        });
        return true;
    }
    setStatus(failing
                  ? QStringLiteral("No trial at %1 shows an anomaly.").arg(valuesText(point))
                  : QStringLiteral("Every trial at %1 shows an anomaly.").arg(valuesText(point)));
    return false;
}

} // namespace idem
