#pragma once

#include "backgroundrun.h"
#include "whatif/sweep.h"

#include <QVariantList>

namespace idem {

class Session;

/// The Sweep panel's engine: `idemlab-cli sweep` on the scenario on screen, over one or two
/// settings, on a thread of its own (its trials on every core) with progress and Cancel. The
/// result is a list of grid points for the chart; a point opens one of its failing (or
/// passing) trials in the scene, found by running its seeds again through the engine.
///
/// Its progress goes from 0 to 1 over the trials; its status reads "Running: 1,200 of 4,000
/// trials", then the outcome or what was wrong. cancel() stops it: nothing is plotted.
class SweepRunner : public BackgroundRun
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("made by SimulationController")

    /// The settings a sweep can vary: {flag, label, unit, numeric, values (a suggestion:
    /// "0:2000:200" or "off,on")}, in the settings table's order.
    Q_PROPERTY(QVariantList choices READ choices CONSTANT FINAL)
    /// The last result's grid points, first axis outermost: {point, x (the first axis'
    /// value, or its index when it is not a number), xText, line (the second axis' value
    /// index, 0 with one axis), lineText, rate, low, high (any anomaly's share of the
    /// trials and its 95 % Wilson interval), failing, trials, text (the point's numbers)}.
    Q_PROPERTY(QVariantList points READ points NOTIFY resultChanged FINAL)
    /// The first axis' values as the chart labels them, and its title ("Replication lag (ms)").
    Q_PROPERTY(QStringList xValues READ xValues NOTIFY resultChanged FINAL)
    Q_PROPERTY(QString xTitle READ xTitle NOTIFY resultChanged FINAL)
    Q_PROPERTY(bool xNumeric READ xNumeric NOTIFY resultChanged FINAL)
    /// The second axis' values (one line each), empty with one axis; and its title.
    Q_PROPERTY(QStringList lines READ lines NOTIFY resultChanged FINAL)
    Q_PROPERTY(QString lineTitle READ lineTitle NOTIFY resultChanged FINAL)

public:
    explicit SweepRunner(Session &session, QObject *parent = nullptr);
    ~SweepRunner() override;

    [[nodiscard]] QVariantList choices() const;
    [[nodiscard]] QVariantList points() const { return m_points; }
    [[nodiscard]] QStringList xValues() const;
    [[nodiscard]] QString xTitle() const;
    [[nodiscard]] bool xNumeric() const;
    [[nodiscard]] QStringList lines() const;
    [[nodiscard]] QString lineTitle() const;

    /// Starts a sweep of `flag` over `values` (FROM:TO:STEP or V1,V2,…), and of `flag2` over
    /// `values2` when `flag2` is not empty, `trials` seeded trials a point (seeds 1, 2, …);
    /// false with the reason in status (a bad range, a recorded run on screen, running).
    Q_INVOKABLE bool start(const QString &flag, const QString &values, const QString &flag2,
                           const QString &values2, int trials);
    /// Opens in the scene the first trial of grid point `point` that shows an anomaly
    /// (`failing`) or none; false with the reason in status when it has none such.
    Q_INVOKABLE bool openTrial(int point, bool failing);

signals:
    void resultChanged();
    /// A trial was opened in the scene: a sentence for a toast.
    void opened(const QString &message);

private:
    void report(qint64 done, qint64 total);
    void done(const std::optional<SweepResult> &result, const QString &error);
    [[nodiscard]] QString pointText(int point) const;
    [[nodiscard]] QString valuesText(int point) const;

    Session &m_session;
    SweepSpec m_spec;
    std::optional<SweepResult> m_result;
    QVariantList m_points;
};

} // namespace idem
