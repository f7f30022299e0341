#pragma once

#include "dragthrottle.h"
#include "scenarioclientmodel.h"
#include "scenariocommand.h"
#include "scenarioentrymodel.h"
#include "scenariorequestmodel.h"

#include "scenario/scenarioedit.h"

#include <QObject>
#include <QStringList>
#include <QUndoStack>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace idem {

class Session;

/// The scenario editor behind the editor panel: every change to the scenario on screen (an
/// edit in the panel, a request dragged on the timeline, a fault from the fault menu, a request
/// sent from a client) is one step on its undo stack, and each re-runs the engine through the
/// Session with the playhead kept. It saves the scenario in the strict file format.
class ScenarioEditor : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by Session")

    Q_PROPERTY(bool canUndo READ canUndo NOTIFY stackChanged FINAL)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY stackChanged FINAL)
    Q_PROPERTY(QString undoText READ undoText NOTIFY stackChanged FINAL)
    Q_PROPERTY(QString redoText READ redoText NOTIFY stackChanged FINAL)
    /// There are edits since the scenario was opened or saved.
    Q_PROPERTY(bool dirty READ dirty NOTIFY dirtyChanged FINAL)
    /// The scenario file save() writes; empty for a preset, a new scenario or a timeline.
    Q_PROPERTY(QUrl fileUrl READ fileUrl NOTIFY fileUrlChanged FINAL)
    /// The file name Save as suggests: the scenario's name, "new-scenario.json".
    Q_PROPERTY(QString fileName READ fileName NOTIFY scenarioChanged FINAL)
    Q_PROPERTY(idem::ScenarioClientModel *clients READ clients CONSTANT FINAL)
    Q_PROPERTY(idem::ScenarioRequestModel *requests READ requests CONSTANT FINAL)
    /// The scripted drops and the faults: one line each ("R2's response is lost") and the
    /// fields to change it with.
    Q_PROPERTY(idem::ScenarioEntryModel *dropRows READ dropRows CONSTANT FINAL)
    Q_PROPERTY(idem::ScenarioEntryModel *faultRows READ faultRows CONSTANT FINAL)
    /// The kinds of fault addFault() takes, in words ("Crash a server", "Cache outage", …).
    Q_PROPERTY(QStringList faultKinds READ faultKinds CONSTANT FINAL)
    /// The clients' names, for a request's client field.
    Q_PROPERTY(QStringList clientNames READ clientNames NOTIFY scenarioChanged FINAL)
    /// What a request's target field takes: "auto", "A", "B", "A1", ...
    Q_PROPERTY(QStringList targets READ targets NOTIFY scenarioChanged FINAL)
    /// Why the last edit or save was refused; empty after one that worked.
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged FINAL)
    /// Ask (discardEditsAsked) before opening another scenario would lose unsaved edits; the
    /// window sets it, tests leave it off.
    Q_PROPERTY(bool askBeforeDiscarding READ askBeforeDiscarding WRITE setAskBeforeDiscarding NOTIFY
                   askBeforeDiscardingChanged FINAL)

public:
    explicit ScenarioEditor(Session &session, QObject *parent = nullptr);

    [[nodiscard]] bool canUndo() const { return m_stack.canUndo(); }
    [[nodiscard]] bool canRedo() const { return m_stack.canRedo(); }
    [[nodiscard]] QString undoText() const { return m_stack.undoText(); }
    [[nodiscard]] QString redoText() const { return m_stack.redoText(); }
    [[nodiscard]] bool dirty() const { return !m_stack.isClean(); }
    [[nodiscard]] QUrl fileUrl() const { return m_fileUrl; }
    [[nodiscard]] QString fileName() const;
    [[nodiscard]] ScenarioClientModel *clients() { return &m_clients; }
    [[nodiscard]] ScenarioRequestModel *requests() { return &m_requests; }
    [[nodiscard]] ScenarioEntryModel *dropRows() { return &m_dropRows; }
    [[nodiscard]] ScenarioEntryModel *faultRows() { return &m_faultRows; }
    [[nodiscard]] static QStringList faultKinds();
    /// The drops and faults, one line each.
    [[nodiscard]] QStringList drops() const;
    [[nodiscard]] QStringList faults() const;
    [[nodiscard]] QStringList targets() const;
    [[nodiscard]] QStringList clientNames() const;
    [[nodiscard]] QString errorText() const { return m_error; }
    [[nodiscard]] bool askBeforeDiscarding() const { return m_askBeforeDiscarding; }
    void setAskBeforeDiscarding(bool ask);

    // Each edit returns "" when done, else one line saying why not (nothing changed then).
    Q_INVOKABLE QString addClient();
    Q_INVOKABLE QString removeClient(int index);
    /// `field`: "name" or "region" ("A"/"B").
    Q_INVOKABLE QString setClientField(int index, const QString &field, const QString &text);
    /// A request from `client` at the playhead, with a new key.
    Q_INVOKABLE QString addRequest(int client);
    Q_INVOKABLE QString removeRequest(int index);
    /// `field`: "atMs", "key" ("" = no key), "amount", "target" (see targets), "client" (a name).
    Q_INVOKABLE QString setRequestField(int index, const QString &field, const QString &text);
    /// Moves request `index` to `atUs` (rounded to whole ms, as the timeline drags it);
    /// consecutive moves of one request are one undo step. Ends a drag: a move dragRequest()
    /// still holds back is dropped.
    Q_INVOKABLE QString moveRequest(int index, double atUs);
    /// A move while a ◆ is dragged: done now, or, within `dragIntervalMs` of the last one,
    /// held back and done when that time is up (only the newest held move), so the engine
    /// reruns as the drag goes without falling behind it. One undo step with the final move.
    Q_INVOKABLE void dragRequest(int index, double atUs);
    /// The first drop the scenario does not have yet (ScenarioEdit::addDrop()).
    Q_INVOKABLE QString addDrop();
    Q_INVOKABLE QString removeDrop(int index);
    /// `field`: "message", "request", "attempt" (see ScenarioEntries::dropFields).
    Q_INVOKABLE QString setDropField(int index, const QString &field, const QString &text);
    /// A fault of faultKinds()[kind], at the playhead where it has a time.
    Q_INVOKABLE QString addFault(int kind);
    Q_INVOKABLE QString removeFault(int index);
    /// `field`: a file field of the fault's kind, or "when" (see ScenarioEntries::faultFields).
    Q_INVOKABLE QString setFaultField(int index, const QString &field, const QString &text);

    static constexpr int dragIntervalMs = 50;

    Q_INVOKABLE void undo();
    Q_INVOKABLE void redo();
    /// Writes the scenario to fileUrl; "" when saved, else one line (nothing is lost).
    Q_INVOKABLE QString save();
    /// Writes the scenario to `url` and makes it the file save() writes.
    Q_INVOKABLE QString saveAs(const QUrl &url);
    /// Starts from ScenarioEdit::newScenario() (asks first when edits would be lost).
    Q_INVOKABLE void newScenario();

    /// After discardEditsAsked: does what was held back (the edits go).
    Q_INVOKABLE void discardEditsAndContinue();
    /// After discardEditsAsked: drops what was held back; the edits stay.
    Q_INVOKABLE void keepEdits();

    // For the Session.
    /// Runs `action` now, or holds it back and asks (discardEditsAsked) when it would lose
    /// unsaved edits; true when it ran.
    bool unlessEditsAreLost(std::function<void()> action);
    /// Another scenario is on screen (`file`: where it came from, empty if not a scenario
    /// file): the stack starts empty and clean.
    void reset(const QUrl &file);
    /// A change the session already made and ran (`before` → its scenario now) becomes a step.
    void pushApplied(ScenarioCommand::Step step);
    /// The fault the newest step injected at `target` ("the crash of …"); empty if the newest
    /// step is not a fault injected there.
    [[nodiscard]] QString undoableFault(const QString &target) const;
    /// Shows `scenario` (an undo, a redo) with the settings now in force.
    void show(Scenario scenario);
    /// "R2's response", "R2's retry 1's request": a scripted drop as a noun.
    [[nodiscard]] static QString dropText(const DropSpec &drop);

signals:
    void stackChanged();
    void dirtyChanged();
    void fileUrlChanged();
    void scenarioChanged();
    void errorTextChanged();
    void askBeforeDiscardingChanged();
    /// Opening another scenario would lose unsaved edits: it waits for
    /// discardEditsAndContinue() or keepEdits().
    void discardEditsAsked();

private:
    /// Applies `change` to the scenario on screen as one step named `text`.
    QString edit(const QString &text, const std::function<QString(ScenarioEdit &)> &change,
                 ScenarioCommand::Kind kind = ScenarioCommand::Kind::Edit,
                 const QString &subject = {});
    QString refuse(const QString &error);
    /// Moves request `index` now: a step that merges with the same request's other moves.
    QString moveNow(int index, double atUs);
    /// The step undo() takes back, or null.
    [[nodiscard]] const ScenarioCommand::Step *topStep() const;
    void refresh();
    void setError(const QString &error);
    void setFileUrl(const QUrl &url);

    Session &m_session;
    QUndoStack m_stack;
    ScenarioClientModel m_clients;
    ScenarioRequestModel m_requests;
    ScenarioEntryModel m_dropRows;
    ScenarioEntryModel m_faultRows;
    DragThrottle m_drag{dragIntervalMs, [this](int index, double atUs) { moveNow(index, atUs); }};
    QUrl m_fileUrl;
    QString m_error;
    bool m_askBeforeDiscarding = false;
    bool m_wasDirty = false;
    std::function<void()> m_pending; ///< held back until the user answers
};

} // namespace idem
