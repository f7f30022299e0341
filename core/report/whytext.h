#pragma once

#include "model/runresult.h"

#include <QJsonArray>

#include <QString>

namespace idem {

/// The why beside the what: for a key event of the protocol (a refused request without a
/// key, a claim in the shared cache, a 409, a takeover, a fenced write, a reap, a crash …),
/// one short sentence on why it matters, in the words of someone explaining it to a class;
/// empty for an event that needs none (a message on its way, a read that found nothing).
///
/// Read from the event as logged, the run's settings and its nodes, so a simulated run, a
/// live record and a timeline read back from a file explain the same events in the same
/// words. The app shows it under the caption; the HTML export and `run --json` carry it
/// beside each event.
[[nodiscard]] QString whyOf(const RunResult &run, const Event &event);

/// The events that have a why, for `run --json`: {seq, t, type, node, caption, why} each.
[[nodiscard]] QJsonArray keyEventsJson(const RunResult &run);

} // namespace idem
