#pragma once

#include <QByteArray>
#include <QString>

namespace idem {

/// What a file given to the app or the CLI holds.
enum class DocumentKind : quint8
{
    Scenario, ///< a scenario to run (also anything that is not a timeline: the scenario
              ///< reader then says what is wrong with it)
    Timeline, ///< a recorded run to replay as it was
};

/// Tells a timeline from a scenario by its JSON bytes, before reading either: a JSON object
/// whose "schema" starts "idemlab.timeline/" (any version), or one with no schema but
/// "events" and "nodes", is a timeline.
[[nodiscard]] DocumentKind sniffDocumentKind(const QByteArray &bytes);

/// What `input` (a preset name, or a file path) names: a preset (or nothing: the default
/// preset) is a scenario; a file is sniffed (an unreadable one counts as a scenario, whose
/// reader then says why).
[[nodiscard]] DocumentKind documentKindOf(const QString &input);

} // namespace idem
