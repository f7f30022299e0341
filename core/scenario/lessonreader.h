#pragma once

#include "model/scenario.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QString>

namespace idem {

class JsonFields;

/// Reads a scenario's `lesson` (docs/scenario-format.md, "Lessons"): steps in time order,
/// each with a title, a text and optionally a question and its answer, trusting nothing.
class LessonReader
{
public:
    static constexpr int maxSteps = 30;
    static constexpr int maxStepTitle = 60;
    static constexpr int maxStepText = 700;
    static constexpr int maxQuestion = 300;
    static constexpr int maxAnswer = 700;

    /// Reads the array at `path` into `scenario.lesson`; problems go to `fields`.
    static bool read(const QJsonValue &v, const QString &path, Scenario &scenario,
                     JsonFields &fields);
    /// The lesson as the scenario file writes it.
    [[nodiscard]] static QJsonArray toJson(const QVector<LessonStep> &lesson);
};

} // namespace idem
