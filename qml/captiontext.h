#pragma once

#include <QString>

namespace idem {

struct RunResult;

/// An event's caption as the scene shows it: the engine's words with the accounts named
/// apart from the clusters (AccountNames) and a lock's holder named as the rest of the
/// screen names requests ("held by R1, another request on this server").
[[nodiscard]] QString displayCaption(const RunResult &run, int event);

} // namespace idem
