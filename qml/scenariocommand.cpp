#include "scenariocommand.h"

#include "scenarioeditor.h"

namespace idem {

ScenarioCommand::ScenarioCommand(ScenarioEditor &editor, Step step)
    : QUndoCommand(step.text), m_editor(editor), m_step(std::move(step))
{}

void ScenarioCommand::undo()
{
    m_editor.show(m_step.before);
}

void ScenarioCommand::redo()
{
    if (m_step.applied) {
        m_step.applied = false; // pushed after it ran; a later redo runs it again
        return;
    }
    m_editor.show(m_step.after);
}

int ScenarioCommand::id() const
{
    return m_step.kind == Kind::Move ? 1 : -1;
}

bool ScenarioCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ScenarioCommand *>(other); // same id(): a move
    if (next->m_step.subject != m_step.subject)
        return false;
    m_step.after = next->m_step.after;
    return true;
}

} // namespace idem
