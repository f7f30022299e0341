#pragma once

#include "model/scenario.h"

#include <QUndoCommand>

namespace idem {

class ScenarioEditor;

/// One step on the editor's undo stack: the scenario before and after an edit (an editor
/// edit, a fault from the fault menu, a request sent from a client). Snapshots rather than
/// inverse operations: a Scenario's lists are implicitly shared, so a step costs little, and
/// undo gives back exactly the scenario that was run before.
class ScenarioCommand : public QUndoCommand
{
public:
    /// What a step is, for merging and for the fault menu's "Remove …" line.
    enum class Kind
    {
        Edit,
        Move,  ///< a request's send time: consecutive moves of one request merge
        Fault, ///< injected from the fault menu at `target`
    };

    struct Step
    {
        Scenario before;
        Scenario after;
        QString text; ///< "Move R2", "Add Client 3": the undo/redo menu text
        Kind kind = Kind::Edit;
        QString subject;      ///< Move: the request id; Fault: the target node
        QString what;         ///< Fault: the fault as a noun, "the crash of Server A1 at 1.2 s"
        bool applied = false; ///< already on screen: the first redo() runs nothing
    };

    ScenarioCommand(ScenarioEditor &editor, Step step);

    void undo() override;
    void redo() override;
    [[nodiscard]] int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    [[nodiscard]] const Step &step() const { return m_step; }

private:
    ScenarioEditor &m_editor;
    Step m_step;
};

} // namespace idem
