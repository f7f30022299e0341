#pragma once

#include <QSize>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include "model/scenario.h"
#include "shownrun.h"

#include <future>
#include <memory>
#include <optional>

class QElapsedTimer;
class QGuiApplication;
class QQuickWindow;

namespace idem {

class SimulationController;

/// The command line of `idemlab`:
/// `idemlab [preset|file.json] [overrides] [--at-ms T] [--screenshot FILE.png] [--live]
/// [--attach URL...] ...`.
class GuiOptions
{
public:
    /// Reads the arguments; an error line on bad input.
    [[nodiscard]] std::optional<QString> parse(const QStringList &arguments);
    /// Starts reading the scenario file or preset named on the command line, with its
    /// overrides, and its run on a thread of its own, so that they overlap the QML engine's
    /// start-up (a run of 10,000 requests takes about as long); apply() takes the result.
    /// Call after parse(), before loading the QML.
    void prepareRun();
    /// Loads the scenario with its overrides into the controller and moves the playhead.
    [[nodiscard]] std::optional<QString> apply(SimulationController &controller) const;
    /// Renders the window once, saves the PNG, reports on stderr; false on failure.
    bool takeScreenshot(QQuickWindow &window, QGuiApplication &app) const;
    /// Lays out every item of `window` now, as a frame would (a panel opened just before a
    /// grab, with no frame since, is otherwise drawn where no layout has placed it yet).
    static void layOut(QQuickWindow &window);
    /// Plays the run and writes one line per frame (time since start, frame time, messages in
    /// flight, the playhead) to fpsLog, after a comment line with the start-up's milestones
    /// (`qmlLoadedMs`: the QML engine had loaded the window; `appliedMs`: apply() had shown
    /// the run). Times are measured from `sinceStart` (started first thing in main()).
    void startFpsLog(QQuickWindow &window, SimulationController &controller,
                     const QElapsedTimer &sinceStart, qint64 qmlLoadedMs, qint64 appliedMs) const;
    [[nodiscard]] QString helpText() const { return m_help; }

    bool helpRequested = false;
    QString scenario;
    QStringList overrideArgs;
    std::optional<double> atMs;
    QString screenshot;
    QString fpsLog;
    double fpsSeconds = 10;
    QSize size{1280, 720};
    bool play = false;
    /// --speed: the playback speed to start at (else the remembered one).
    std::optional<double> speed;
    /// Start live mode at launch (the Live switch): real servers on 8081 and 8082.
    bool live = false;
    /// --attach URL...: running clusters to attach to at launch (checked: http:// or ws://).
    QStringList attach;
    bool dark = false;
    std::optional<double> textScale;
    /// A panel to open at launch (--show): settings, export, export-file, open, menu or discard.
    QString show;
    /// --compare LEFT RIGHT: the two sides' overrides of the Compare mode.
    QStringList compare;
    /// --key: the key whose life is shown ("K1", or "K1 (Client 1)" under keyScope client).
    QString key;

    /// What Main.qml gets before it loads: the look asked for on the command line, the
    /// panel to open, and whether this run may read and write the presenter's preferences
    /// (not an automated run: --screenshot or --fps-log).
    [[nodiscard]] QVariantMap initialProperties() const;

private:
    /// The scenario named on the command line with its overrides, and its run.
    struct PreparedRun
    {
        std::optional<Scenario> scenario;
        QString name;                  ///< the preset's name, or the file as given
        std::unique_ptr<ShownRun> run; ///< made ready to show (null: it failed; apply says why)
        QString error;
    };
    [[nodiscard]] PreparedRun prepared(const QString &nameOrFile) const;

    QString m_help;
    /// Taken by the first apply(): a const call, as the options it reads stay the same.
    mutable std::future<PreparedRun> m_prepared;
    /// How long apply() waited for the prepared run (the fps log reports it).
    mutable qint64 m_waitedMs = 0;
    QStringList m_overrideFlags;
    QStringList m_overrideValues;
};

} // namespace idem
